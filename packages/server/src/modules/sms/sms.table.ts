import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Migration 0009: SMS kept by the development stand-in (no gateway configured). */
export const outboundSms = pgTable('outbound_sms', {
  id: uuid('id').primaryKey().defaultRandom(),
  recipient: text('recipient').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type OutboundSmsRow = typeof outboundSms.$inferSelect;
