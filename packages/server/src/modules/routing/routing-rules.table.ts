import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categories } from '../categories/categories.table.ts';
import { units } from '../units/units.table.ts';

export const routingRules = pgTable('routing_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestType: text('request_type', { enum: ['petition', 'guidance', 'suggestion', 'notice'] }),
  categoryId: uuid('category_id').references(() => categories.id),
  governorate: text('governorate'),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
