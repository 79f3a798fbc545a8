import { asc, eq, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { categories } from './categories.table.ts';

export type CategoryRow = typeof categories.$inferSelect;

export interface NewCategory {
  parentId: string | null;
  code: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
}

export interface CategoryPatch {
  parentId?: string | null;
  nameAr?: string;
  nameFr?: string;
  nameEn?: string;
  isActive?: boolean;
}

export function createCategoriesRepository({ db }: { db: Database }) {
  return {
    async list({ includeInactive }: { includeInactive: boolean }): Promise<CategoryRow[]> {
      const query = db.select().from(categories);
      const filtered = includeInactive ? query : query.where(eq(categories.isActive, true));
      return filtered.orderBy(asc(categories.code));
    },

    async findById(id: string): Promise<CategoryRow | undefined> {
      const rows = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
      return rows[0];
    },

    /** Answers undefined when the code is already taken. */
    async insert(category: NewCategory): Promise<CategoryRow | undefined> {
      const rows = await db
        .insert(categories)
        .values(category)
        .onConflictDoNothing({ target: categories.code })
        .returning();
      return rows[0];
    },

    async update(id: string, patch: CategoryPatch, now: Date): Promise<CategoryRow | undefined> {
      const rows = await db
        .update(categories)
        .set({ ...patch, updatedAt: now })
        .where(eq(categories.id, id))
        .returning();
      return rows[0];
    },

    /** True when `categoryId` is `ancestorId` or lies below it (walks up from `categoryId`). */
    async isWithin(categoryId: string, ancestorId: string): Promise<boolean> {
      const rows = await queryRows<{ found: boolean }>(
        db,
        sql`WITH RECURSIVE ancestry (id, parent_id, depth) AS (
              SELECT id, parent_id, 0 FROM categories WHERE id = ${categoryId}
              UNION ALL
              SELECT c.id, c.parent_id, a.depth + 1
                FROM categories c JOIN ancestry a ON c.id = a.parent_id
               WHERE a.depth < 64
            )
            SELECT EXISTS (SELECT 1 FROM ancestry WHERE id = ${ancestorId}) AS found`,
      );
      return Boolean(rows[0]?.found);
    },
  };
}
export type CategoriesRepository = ReturnType<typeof createCategoriesRepository>;
