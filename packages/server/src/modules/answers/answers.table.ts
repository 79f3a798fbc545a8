import { CASE_OUTCOMES } from '@epeople/contracts';
import { boolean, customType, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';
import { caseDrafts, cases } from '../cases/cases.table.ts';
import { units } from '../units/units.table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** PostgreSQL bytea as bytes (node-postgres answers a Buffer, PGlite a Uint8Array: both are Uint8Array). */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/** Migration 0011-create-signed-answers.sql. */
export const signedAnswers = pgTable('signed_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  draftId: uuid('draft_id')
    .notNull()
    .unique()
    .references(() => caseDrafts.id),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
  sentByRole: text('sent_by_role', { enum: ['assignee', 'supervisor'] }).notNull(),
  outcome: text('outcome', { enum: CASE_OUTCOMES }).notNull(),
  language: text('language', { enum: ['ar', 'fr', 'en'] }).notNull(),
  issuedAt: at('issued_at').notNull(),
  status: text('status', { enum: ['signing', 'signed'] })
    .notNull()
    .default('signing'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  letterStorageKey: text('letter_storage_key'),
  letterSize: integer('letter_size'),
  letterSha256: text('letter_sha256'),
  record: text('record'),
  recordSignature: bytes('record_signature'),
  recordSha256: text('record_sha256'),
  certificateSha256: text('certificate_sha256'),
  isTestSignature: boolean('is_test_signature'),
  signedAt: at('signed_at'),
});

export type SignedAnswerRow = typeof signedAnswers.$inferSelect;
export type NewSignedAnswerRow = typeof signedAnswers.$inferInsert;
