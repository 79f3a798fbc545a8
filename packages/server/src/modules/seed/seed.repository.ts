import type { RequestType, UnitKind } from '@epeople/contracts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { users } from '../accounts/accounts.table.ts';
import { categories } from '../categories/categories.table.ts';
import { routingRules } from '../routing/routing-rules.table.ts';
import { units } from '../units/units.table.ts';
import { seedVersions } from './seed.table.ts';

/** Arbitrary but fixed: nodes starting together seed one at a time. */
const SEED_LOCK_KEY = 7_301_642_004;

/** Bulk inserts that never overwrite: rows an administrator edited keep their edits. */
export function createSeedRepository({ db }: { db: Database }) {
  return {
    async lockForSeeding(): Promise<void> {
      await queryRows(db, sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    },

    async findVersion(name: string): Promise<number | undefined> {
      const rows = await db.select().from(seedVersions).where(eq(seedVersions.name, name));
      return rows[0]?.version;
    },

    async saveVersion(name: string, version: number): Promise<void> {
      await db
        .insert(seedVersions)
        .values({ name, version })
        .onConflictDoUpdate({ target: seedVersions.name, set: { version, appliedAt: sql`now()` } });
    },

    async unitIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows = await db
        .select({ id: units.id, code: units.code })
        .from(units)
        .where(inArray(units.code, [...codes]));
      return new Map(rows.map((row) => [row.code, row.id]));
    },

    async categoryIdsByCode(codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows = await db
        .select({ id: categories.id, code: categories.code })
        .from(categories)
        .where(inArray(categories.code, [...codes]));
      return new Map(rows.map((row) => [row.code, row.id]));
    },

    /** Which of these addresses already belong to a live account (demo accounts are made once). */
    async existingUserEmails(emails: readonly string[]): Promise<Set<string>> {
      const rows = await db
        .select({ email: users.email })
        .from(users)
        .where(and(inArray(users.email, [...emails]), isNull(users.deletedAt)));
      return new Set(rows.map((row) => row.email));
    },

    async insertUnits(
      rows: ReadonlyArray<{
        parentId: string | null;
        kind: UnitKind;
        code: string;
        nameAr: string;
        nameFr: string;
        nameEn: string;
        governorate: string | null;
      }>,
    ): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(units)
        .values([...rows])
        .onConflictDoNothing({ target: units.code })
        .returning({ id: units.id });
      return inserted.length;
    },

    async insertCategories(
      rows: ReadonlyArray<{ parentId: string | null; code: string; nameAr: string; nameFr: string; nameEn: string }>,
    ): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(categories)
        .values([...rows])
        .onConflictDoNothing({ target: categories.code })
        .returning({ id: categories.id });
      return inserted.length;
    },

    async insertRoutingRules(
      rows: ReadonlyArray<{
        requestType: RequestType | null;
        categoryId: string | null;
        governorate: string | null;
        unitId: string;
      }>,
    ): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(routingRules)
        .values([...rows])
        .onConflictDoNothing()
        .returning({ id: routingRules.id });
      return inserted.length;
    },
  };
}
export type SeedRepository = ReturnType<typeof createSeedRepository>;
