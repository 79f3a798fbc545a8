import { type AnyPgColumn, boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
  kind: text('kind', {
    enum: [
      'central_office',
      'ministry',
      'directorate',
      'governorate',
      'municipality',
      'public_body',
      'citizen_relations_office',
    ],
  }).notNull(),
  code: text('code').notNull().unique(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
  governorate: text('governorate'),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
