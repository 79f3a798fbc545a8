import type { UnitKind } from '@epeople/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { units } from './units.table.ts';
import { buildUnitTree, type UnitTree } from './units.tree.ts';

export type UnitRow = typeof units.$inferSelect;

export interface NewUnit {
  parentId: string | null;
  kind: UnitKind;
  code: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  governorate: string | null;
}

export interface UnitPatch {
  parentId?: string | null;
  nameAr?: string;
  nameFr?: string;
  nameEn?: string;
  governorate?: string | null;
  isActive?: boolean;
}

export function createUnitsRepository({ db }: { db: Database }) {
  return {
    async list({ includeInactive }: { includeInactive: boolean }): Promise<UnitRow[]> {
      const query = db.select().from(units);
      const filtered = includeInactive ? query : query.where(eq(units.isActive, true));
      return filtered.orderBy(asc(units.code));
    },

    async findById(id: string): Promise<UnitRow | undefined> {
      const rows = await db.select().from(units).where(eq(units.id, id)).limit(1);
      return rows[0];
    },

    async findByCode(code: string): Promise<UnitRow | undefined> {
      const rows = await db.select().from(units).where(eq(units.code, code)).limit(1);
      return rows[0];
    },

    /** Answers undefined when the code is already taken. */
    async insert(unit: NewUnit): Promise<UnitRow | undefined> {
      const rows = await db.insert(units).values(unit).onConflictDoNothing({ target: units.code }).returning();
      return rows[0];
    },

    async update(id: string, patch: UnitPatch, now: Date): Promise<UnitRow | undefined> {
      const rows = await db
        .update(units)
        .set({ ...patch, updatedAt: now })
        .where(eq(units.id, id))
        .returning();
      return rows[0];
    },

    /** The whole tree (ids and parents only); small enough to load once per request. */
    async loadTree(): Promise<UnitTree> {
      return buildUnitTree(await db.select({ id: units.id, parentId: units.parentId }).from(units));
    },
  };
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
