import type { RequestType } from '@epeople/contracts';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { type AnswerTemplateRow, answerTemplates, type NewAnswerTemplateRow } from './answer-templates.table.ts';

export function createAnswerTemplatesRepository({ db }: { db: Database }) {
  return {
    /** The templates of these units (a unit and its ancestors), for one type or all. */
    async listForUnits(
      unitIds: readonly string[],
      { requestType, includeInactive }: { requestType?: RequestType | undefined; includeInactive: boolean },
    ): Promise<AnswerTemplateRow[]> {
      if (unitIds.length === 0) return [];
      return db
        .select()
        .from(answerTemplates)
        .where(
          and(
            inArray(answerTemplates.unitId, [...unitIds]),
            requestType
              ? or(eq(answerTemplates.requestType, requestType), isNull(answerTemplates.requestType))
              : undefined,
            includeInactive ? undefined : eq(answerTemplates.isActive, true),
          ),
        )
        .orderBy(asc(answerTemplates.title), asc(answerTemplates.id));
    },

    async findById(id: string): Promise<AnswerTemplateRow | undefined> {
      const [row] = await db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
      return row;
    },

    async insert(row: NewAnswerTemplateRow): Promise<AnswerTemplateRow> {
      const [inserted] = await db.insert(answerTemplates).values(row).returning();
      if (!inserted) throw new Error('answer template insert answered no row');
      return inserted;
    },

    async update(
      id: string,
      patch: Partial<Omit<NewAnswerTemplateRow, 'id' | 'unitId' | 'createdAt'>>,
      now: Date,
    ): Promise<AnswerTemplateRow | undefined> {
      const [row] = await db
        .update(answerTemplates)
        .set({ ...patch, updatedAt: now })
        .where(eq(answerTemplates.id, id))
        .returning();
      return row;
    },

    async delete(id: string): Promise<void> {
      await db.delete(answerTemplates).where(eq(answerTemplates.id, id));
    },
  };
}
