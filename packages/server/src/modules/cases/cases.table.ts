import { CASE_OUTCOMES, CASE_STATES, REQUEST_TYPES } from '@epeople/contracts';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';
import { categories } from '../categories/categories.table.ts';
import { units } from '../units/units.table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const LANGUAGE_ENUM = ['ar', 'fr', 'en'] as const;

/** Coordinates, a label, or both (a place named without coordinates is a label alone). */
export interface CaseLocationValue {
  lat?: number | undefined;
  lng?: number | undefined;
  label?: string | undefined;
}

/** Migration 0007-create-cases.sql; `search_vector` (generated) is read only by search queries. */
export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull().unique(),
  type: text('type', { enum: REQUEST_TYPES }).notNull(),
  state: text('state', { enum: CASE_STATES }).notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  categoryId: uuid('category_id').references(() => categories.id),
  governorate: text('governorate'),
  location: jsonb('location').$type<CaseLocationValue>(),
  language: text('language', { enum: LANGUAGE_ENUM }).notNull(),
  publishConsent: boolean('publish_consent').notNull().default(false),

  citizenId: uuid('citizen_id').references(() => users.id),
  guestName: text('guest_name'),
  guestEmail: text('guest_email'),
  guestPhone: text('guest_phone'),
  isAnonymous: boolean('is_anonymous').notNull().default(false),
  accessCodeHash: text('access_code_hash'),
  accessCodeSealed: text('access_code_sealed'),
  sealedIdentity: text('sealed_identity'),
  identityConsentAt: at('identity_consent_at'),

  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  isTriage: boolean('is_triage').notNull().default(false),
  assigneeId: uuid('assignee_id').references(() => users.id),
  lockHolderId: uuid('lock_holder_id').references(() => users.id),
  lockExpiresAt: at('lock_expires_at'),
  duplicateOfCaseId: uuid('duplicate_of_case_id').references((): AnyPgColumn => cases.id),

  deadlineMeasure: text('deadline_measure', { enum: ['working_hours', 'working_days', 'calendar_days'] }),
  clockStartedAt: at('clock_started_at').notNull(),
  dueAt: at('due_at'),
  allottedMs: bigint('allotted_ms', { mode: 'number' }),
  pausedAt: at('paused_at'),
  remainingMs: bigint('remaining_ms', { mode: 'number' }),
  acknowledgeDueAt: at('acknowledge_due_at'),
  /** The acknowledgement deadline passed in 'submitted' and was escalated (migration 0012). */
  acknowledgeEscalatedAt: at('acknowledge_escalated_at'),
  extensionsCount: integer('extensions_count').notNull().default(0),
  extensionConsentedAt: at('extension_consented_at'),
  warnedAt: at('warned_at'),
  escalatedAt: at('escalated_at'),
  progressNotifiedAt: at('progress_notified_at'),

  outcome: text('outcome', { enum: CASE_OUTCOMES }),
  answerText: text('answer_text'),
  answeredAt: at('answered_at'),
  closedAt: at('closed_at'),
  rejectionReason: text('rejection_reason'),
  followUpUsed: boolean('follow_up_used').notNull().default(false),
  rating: smallint('rating'),
  ratingComment: text('rating_comment'),
  ratedAt: at('rated_at'),

  submitterKey: text('submitter_key').notNull(),
  idempotencyKey: text('idempotency_key'),
  requestFingerprint: text('request_fingerprint'),

  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;

export const caseEvents = pgTable('case_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  type: text('type').notNull(),
  visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
  actorKind: text('actor_kind', { enum: ['citizen', 'guest', 'staff', 'system'] }).notNull(),
  actorId: uuid('actor_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type CaseEventRow = typeof caseEvents.$inferSelect;

export const caseDrafts = pgTable('case_drafts', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  outcome: text('outcome', { enum: CASE_OUTCOMES }).notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: ['draft', 'submitted', 'returned', 'approved'] })
    .notNull()
    .default('draft'),
  authorId: uuid('author_id')
    .notNull()
    .references(() => users.id),
  reviewerId: uuid('reviewer_id').references(() => users.id),
  reviewComment: text('review_comment'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  reviewedAt: at('reviewed_at'),
});
export type CaseDraftRow = typeof caseDrafts.$inferSelect;

export const caseContributors = pgTable('case_contributors', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  status: text('status', { enum: ['requested', 'contributed', 'withdrawn'] })
    .notNull()
    .default('requested'),
  contribution: text('contribution'),
  addedBy: uuid('added_by').references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type CaseContributorRow = typeof caseContributors.$inferSelect;

export const caseNotifications = pgTable('case_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  channel: text('channel', { enum: ['email', 'sms', 'in_app'] }).notNull(),
  recipient: text('recipient').notNull(),
  language: text('language', { enum: LANGUAGE_ENUM }).notNull(),
  template: text('template').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  /** `suppressed`: held back by the rules of docs/notifications.md (migration 0015), never sent. */
  status: text('status', { enum: ['pending', 'sending', 'sent', 'kept', 'failed', 'suppressed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** The SMS gateway's id for a sent message (migration 0009). */
  providerMessageId: text('provider_message_id'),
  claimedAt: at('claimed_at'),
  /** End of a `sending` row's lease, renewed while its worker works (migration 0017). */
  claimedUntil: at('claimed_until'),
  createdAt: at('created_at').notNull().defaultNow(),
  sentAt: at('sent_at'),
});
export type CaseNotificationRow = typeof caseNotifications.$inferSelect;

export const staffNotifications = pgTable('staff_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  caseId: uuid('case_id').references(() => cases.id),
  template: text('template').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  readAt: at('read_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});
