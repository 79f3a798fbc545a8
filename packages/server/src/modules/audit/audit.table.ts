import { bigint, bigserial, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only; see migration 0001 for the guard trigger and the sealing scheme. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorKind: text('actor_kind', { enum: ['citizen', 'staff', 'guest', 'system'] }).notNull(),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  requestId: text('request_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  sealSeq: bigint('seal_seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
});
