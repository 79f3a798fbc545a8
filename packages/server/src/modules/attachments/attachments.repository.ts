import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { attachments } from './attachments.table.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachment = typeof attachments.$inferInsert;

// Read on every tracking look-up: a named statement (see db/prepared.ts).
const byCase = preparedQuery((db) =>
  db
    .select()
    .from(attachments)
    .where(eq(attachments.caseId, sql.placeholder('caseId')))
    .orderBy(attachments.createdAt)
    .prepare('attachments_by_case'),
);

/**
 * A case's attachments as one jsonb array (oldest first, as `listByCase`), as SQL text for a
 * statement composed elsewhere: tracking reads a case and all it shows in one statement.
 * Read the rows with `rowFromJson(attachments, …)`.
 */
export function caseAttachmentsJsonSql(caseId: string): string {
  return `(SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.created_at), '[]'::jsonb) FROM attachments a WHERE a.case_id = ${caseId})`;
}

/**
 * `link` as fixed SQL text for a statement composed elsewhere (filing sends its whole change as
 * one named statement): links the uploads whose ids are in `ids` (a uuid[] parameter), not yet
 * linked, and uploaded by `uploadedById` (null for guests), answering their ids.
 */
export function linkAttachmentsSql(p: { caseId: string; ids: string; uploadedById: string; now: string }): string {
  return `UPDATE attachments SET case_id = ${p.caseId}, linked_at = ${p.now}
     WHERE id = ANY(${p.ids}::uuid[]) AND case_id IS NULL
       AND uploaded_by_id IS NOT DISTINCT FROM ${p.uploadedById}::uuid
    RETURNING id`;
}

export function createAttachmentsRepository({ db }: { db: Database }) {
  return {
    async insert(rows: NewAttachment[]): Promise<AttachmentRow[]> {
      if (rows.length === 0) return [];
      return db.insert(attachments).values(rows).returning();
    },

    async findById(id: string): Promise<AttachmentRow | undefined> {
      const rows = await db.select().from(attachments).where(eq(attachments.id, id)).limit(1);
      return rows[0];
    },

    async listByCase(caseId: string): Promise<AttachmentRow[]> {
      return byCase(db).execute({ caseId });
    },

    /**
     * Links unlinked uploads to a case, in the caller's transaction; answers the rows linked.
     * Rows already linked, or uploaded by another account, are left alone (the caller compares).
     */
    async link(ids: readonly string[], caseId: string, uploadedById: string | null, now: Date) {
      if (ids.length === 0) return [];
      return db
        .update(attachments)
        .set({ caseId, linkedAt: now })
        .where(
          and(
            inArray(attachments.id, [...ids]),
            isNull(attachments.caseId),
            uploadedById === null ? isNull(attachments.uploadedById) : eq(attachments.uploadedById, uploadedById),
          ),
        )
        .returning();
    },

    async listUnlinkedBefore(cutoff: Date, limit: number): Promise<AttachmentRow[]> {
      return db
        .select()
        .from(attachments)
        .where(and(isNull(attachments.caseId), lt(attachments.createdAt, cutoff)))
        .orderBy(attachments.createdAt)
        .limit(limit);
    },

    /** Deletes the row only if it is still unlinked (a filing may have linked it meanwhile). */
    async deleteIfUnlinked(id: string): Promise<boolean> {
      const rows = await db
        .delete(attachments)
        .where(and(eq(attachments.id, id), isNull(attachments.caseId)))
        .returning({ id: attachments.id });
      return rows.length > 0;
    },
  };
}
export type AttachmentsRepository = ReturnType<typeof createAttachmentsRepository>;
