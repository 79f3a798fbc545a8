import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { categories } from '../categories/categories.table.ts';
import { units } from '../units/units.table.ts';
import { faqEntries } from './faq.table.ts';

export type FaqEntryRow = typeof faqEntries.$inferSelect;
export type NewFaqEntry = typeof faqEntries.$inferInsert;
export type FaqEntryPatch = Partial<Omit<NewFaqEntry, 'id' | 'seedKey' | 'createdAt' | 'updatedAt'>>;

export function createFaqRepository({ db }: { db: Database }) {
  return {
    async list(filters: { publishedOnly: boolean; categoryId?: string | undefined; unitId?: string | undefined }) {
      const conditions: SQL[] = [];
      if (filters.publishedOnly) conditions.push(eq(faqEntries.isPublished, true));
      if (filters.categoryId) conditions.push(eq(faqEntries.categoryId, filters.categoryId));
      if (filters.unitId) conditions.push(eq(faqEntries.unitId, filters.unitId));
      return db
        .select()
        .from(faqEntries)
        .where(and(...conditions))
        .orderBy(desc(faqEntries.updatedAt), asc(faqEntries.id))
        .limit(500);
    },

    async findById(id: string): Promise<FaqEntryRow | undefined> {
      const rows = await db.select().from(faqEntries).where(eq(faqEntries.id, id)).limit(1);
      return rows[0];
    },

    async insert(entry: NewFaqEntry): Promise<FaqEntryRow> {
      const [row] = await db.insert(faqEntries).values(entry).returning();
      if (!row) throw new Error('insert answered no row');
      return row;
    },

    /** Seeding: entries whose seed key exists already are left as administrators edited them. */
    async insertSeeded(entries: NewFaqEntry[]): Promise<number> {
      if (entries.length === 0) return 0;
      const rows = await db
        .insert(faqEntries)
        .values(entries)
        .onConflictDoNothing({ target: faqEntries.seedKey })
        .returning({ id: faqEntries.id });
      return rows.length;
    },

    async update(id: string, patch: FaqEntryPatch, now: Date): Promise<FaqEntryRow | undefined> {
      const rows = await db
        .update(faqEntries)
        .set({ ...patch, updatedAt: now })
        .where(eq(faqEntries.id, id))
        .returning();
      return rows[0];
    },

    async unitExists(id: string): Promise<boolean> {
      return (await db.select({ id: units.id }).from(units).where(eq(units.id, id)).limit(1)).length > 0;
    },

    async categoryExists(id: string): Promise<boolean> {
      return (await db.select({ id: categories.id }).from(categories).where(eq(categories.id, id)).limit(1)).length > 0;
    },

    /** The FAQ data set's loaded version (seed_versions, shared with the reference data). */
    async findSeedVersion(name: string): Promise<number> {
      await queryRows(db, sql`SELECT pg_advisory_xact_lock(hashtext(${`seed:${name}`}))`);
      const rows = await queryRows<{ version: number }>(
        db,
        sql`SELECT version FROM seed_versions WHERE name = ${name}`,
      );
      return rows[0]?.version ?? 0;
    },

    async saveSeedVersion(name: string, version: number): Promise<void> {
      await queryRows(
        db,
        sql`INSERT INTO seed_versions (name, version) VALUES (${name}, ${version})
            ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, applied_at = now()`,
      );
    },

    async idsByCode(table: 'units' | 'categories', codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const source = table === 'units' ? units : categories;
      const rows = await queryRows<{ id: string; code: string }>(
        db,
        sql`SELECT id, code FROM ${source} WHERE code IN (${sql.join(
          codes.map((code) => sql`${code}`),
          sql`, `,
        )})`,
      );
      return new Map(rows.map((row) => [row.code, row.id]));
    },
  };
}
export type FaqRepository = ReturnType<typeof createFaqRepository>;
