import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';
import { units } from '../units/units.table.ts';

export const roleAssignments = pgTable('role_assignments', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  role: text('role', {
    enum: ['officer', 'supervisor', 'agency_admin', 'central_office', 'moderator', 'auditor', 'system_admin'],
  }).notNull(),
  scope: text('scope', { enum: ['unit', 'subtree', 'all'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
