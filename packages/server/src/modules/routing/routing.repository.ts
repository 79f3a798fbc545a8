import type { RequestType } from '@epeople/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { routingRules } from './routing-rules.table.ts';

export type RoutingRuleRow = typeof routingRules.$inferSelect;

export interface NewRoutingRule {
  requestType: RequestType | null;
  categoryId: string | null;
  governorate: string | null;
  unitId: string;
}

export interface RouteQuery {
  requestType: RequestType;
  categoryId?: string | null | undefined;
  governorate?: string | null | undefined;
}

export interface RouteSnapshotRows {
  rules: Array<{
    id: string;
    unitId: string;
    requestType: RequestType | null;
    categoryId: string | null;
    governorate: string | null;
  }>;
  categories: Array<{ id: string; parentId: string | null }>;
  centralOfficeId: string | null;
}

export function createRoutingRepository({ db }: { db: Database }) {
  return {
    async list(): Promise<RoutingRuleRow[]> {
      return db.select().from(routingRules).orderBy(asc(routingRules.createdAt), asc(routingRules.id));
    },

    async findById(id: string): Promise<RoutingRuleRow | undefined> {
      const rows = await db.select().from(routingRules).where(eq(routingRules.id, id)).limit(1);
      return rows[0];
    },

    /** Answers undefined when a rule with the same three criteria exists. */
    async insert(rule: NewRoutingRule): Promise<RoutingRuleRow | undefined> {
      const rows = await db.insert(routingRules).values(rule).onConflictDoNothing().returning();
      return rows[0];
    },

    async updateUnit(id: string, unitId: string, now: Date): Promise<RoutingRuleRow | undefined> {
      const rows = await db
        .update(routingRules)
        .set({ unitId, updatedAt: now })
        .where(eq(routingRules.id, id))
        .returning();
      return rows[0];
    },

    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id });
      return rows.length > 0;
    },

    /**
     * What routing decides from, read at once: the rules whose unit is active (in creation
     * order, the last tie-break), every category's parent, and the central office.
     */
    async loadRouteSnapshot(centralOfficeCode: string): Promise<RouteSnapshotRows> {
      const [rules, categories, centralOffice] = await Promise.all([
        queryRows<RouteSnapshotRows['rules'][number]>(
          db,
          sql`SELECT r.id, r.unit_id AS "unitId", r.request_type AS "requestType", r.category_id AS "categoryId",
                     r.governorate
                FROM routing_rules r JOIN units u ON u.id = r.unit_id AND u.is_active
               ORDER BY r.created_at ASC, r.id ASC`,
        ),
        queryRows<RouteSnapshotRows['categories'][number]>(db, sql`SELECT id, parent_id AS "parentId" FROM categories`),
        queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE code = ${centralOfficeCode}`),
      ]);
      return { rules, categories, centralOfficeId: centralOffice[0]?.id ?? null };
    },
  };
}
export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
