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
     * The best matching rule whose unit is active. A null criterion matches anything; a rule's
     * category matches that category and every category below it. Order (see routing/index.ts):
     * most non-null criteria; then category, governorate, type; then the nearest category.
     */
    async findBestRule(query: RouteQuery): Promise<{ id: string; unitId: string } | undefined> {
      const rows = await queryRows<{ id: string; unit_id: string }>(
        db,
        sql`WITH RECURSIVE category_path (id, parent_id, depth) AS (
              SELECT id, parent_id, 0 FROM categories WHERE id = ${query.categoryId ?? null}::uuid
              UNION ALL
              SELECT c.id, c.parent_id, p.depth + 1
                FROM categories c JOIN category_path p ON c.id = p.parent_id
               WHERE p.depth < 64
            )
            SELECT r.id, r.unit_id
              FROM routing_rules r
              JOIN units u ON u.id = r.unit_id AND u.is_active
              LEFT JOIN category_path cp ON cp.id = r.category_id
             WHERE (r.request_type IS NULL OR r.request_type = ${query.requestType})
               AND (r.governorate IS NULL OR r.governorate = ${query.governorate ?? null})
               AND (r.category_id IS NULL OR cp.id IS NOT NULL)
             ORDER BY (r.category_id IS NOT NULL)::int + (r.governorate IS NOT NULL)::int
                        + (r.request_type IS NOT NULL)::int DESC,
                      (r.category_id IS NOT NULL) DESC,
                      (r.governorate IS NOT NULL) DESC,
                      (r.request_type IS NOT NULL) DESC,
                      cp.depth ASC NULLS LAST,
                      r.created_at ASC, r.id ASC
             LIMIT 1`,
      );
      const row = rows[0];
      return row ? { id: row.id, unitId: row.unit_id } : undefined;
    },
  };
}
export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
