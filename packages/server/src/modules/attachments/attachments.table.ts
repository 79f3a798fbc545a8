import { bigint, boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';

/** Migration 0006-create-attachments-and-faq.sql (the foreign key to cases comes with 0007; is_anonymous with 0013). */
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id'),
  storageKey: text('storage_key').notNull().unique(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  uploadedByKind: text('uploaded_by_kind', { enum: ['citizen', 'staff', 'guest', 'system'] }).notNull(),
  uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
  /** Uploaded for an anonymous notice: without a session, metadata removed, renamed. */
  isAnonymous: boolean('is_anonymous').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  linkedAt: timestamp('linked_at', { withTimezone: true }),
});
