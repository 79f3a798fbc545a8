import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categories } from '../categories/categories.table.ts';
import { units } from '../units/units.table.ts';

/** Migration 0006-create-attachments-and-faq.sql; `search_vector` (generated) is read by search only. */
export const faqEntries = pgTable('faq_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  seedKey: text('seed_key').unique(),
  categoryId: uuid('category_id').references(() => categories.id),
  unitId: uuid('unit_id').references(() => units.id),
  questionAr: text('question_ar').notNull(),
  questionFr: text('question_fr').notNull(),
  questionEn: text('question_en').notNull(),
  answerAr: text('answer_ar').notNull(),
  answerFr: text('answer_fr').notNull(),
  answerEn: text('answer_en').notNull(),
  isPublished: boolean('is_published').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
