import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const outboundEmails = pgTable('outbound_emails', {
  id: uuid('id').primaryKey().defaultRandom(),
  toAddress: text('to_address').notNull(),
  language: text('language', { enum: ['ar', 'fr', 'en'] }).notNull(),
  template: text('template').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'kept', 'failed'] })
    .notNull()
    .default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  /** End of a `sending` row's lease, renewed while its worker works (migration 0017). */
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
});
export type OutboundEmailRow = typeof outboundEmails.$inferSelect;
