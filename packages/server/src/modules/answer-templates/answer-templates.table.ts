import { CASE_OUTCOMES, REQUEST_TYPES } from '@epeople/contracts';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';
import { units } from '../units/units.table.ts';

/** Migration 0008-create-answer-templates.sql. */
export const answerTemplates = pgTable('answer_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  requestType: text('request_type', { enum: REQUEST_TYPES }),
  outcome: text('outcome', { enum: CASE_OUTCOMES }),
  title: text('title').notNull(),
  bodyAr: text('body_ar').notNull(),
  bodyFr: text('body_fr').notNull(),
  bodyEn: text('body_en').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type AnswerTemplateRow = typeof answerTemplates.$inferSelect;
export type NewAnswerTemplateRow = typeof answerTemplates.$inferInsert;
