import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units } from '../units/units.table.ts';

export const holidays = pgTable('holidays', {
  id: uuid('id').primaryKey().defaultRandom(),
  year: integer('year').notNull(),
  code: text('code').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  kind: text('kind', { enum: ['fixed', 'islamic', 'exceptional'] }).notNull(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
  confirmed: boolean('confirmed').notNull().default(false),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const holidayYears = pgTable('holiday_years', {
  year: integer('year').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const deadlineSettings = pgTable('deadline_settings', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitId: uuid('unit_id').references(() => units.id),
  requestType: text('request_type', { enum: ['petition', 'guidance', 'suggestion', 'notice'] }).notNull(),
  milestone: text('milestone', { enum: ['acknowledge', 'answer'] }).notNull(),
  days: integer('days').notNull(),
  dayKind: text('day_kind', { enum: ['working', 'calendar'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
