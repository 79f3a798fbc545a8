import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { type SqlText, sqlText } from '../../db/sql-text.ts';
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
export function caseAttachmentsJsonSql(caseId: SqlText): SqlText {
  return sqlText`(SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.created_at), '[]'::jsonb) FROM attachments a WHERE a.case_id = ${caseId})`;
}

/**
 * `link` as fixed SQL text for a statement composed elsewhere (filing sends its whole change as
 * one named statement): links the uploads whose ids are in `ids` (a uuid[] parameter), not yet
 * linked, and uploaded by `uploadedById` (null for guests), answering their ids. With `anonymous`
 * (a boolean parameter) only uploads made for an anonymous notice qualify, and they are named
 * by their place in `ids` (attachment-1.jpg, attachment-2.pdf...): see
 * docs/threat-model-anonymous-notice.md.
 */
export function linkAttachmentsSql(p: {
  caseId: SqlText;
  ids: SqlText;
  uploadedById: SqlText;
  anonymous: SqlText;
  now: SqlText;
}): SqlText {
  return sqlText`UPDATE attachments SET case_id = ${p.caseId}, linked_at = ${p.now},
       file_name = CASE WHEN ${p.anonymous}::boolean
         THEN 'attachment-' || array_position(${p.ids}::uuid[], id) || '.' || substring(file_name FROM '[^.]+$')
         ELSE file_name END
     WHERE id = ANY(${p.ids}::uuid[]) AND case_id IS NULL
       AND uploaded_by_id IS NOT DISTINCT FROM ${p.uploadedById}::uuid
       AND (is_anonymous OR NOT ${p.anonymous}::boolean)
    RETURNING id`;
}

/** The name an anonymous notice's file gets: its place among the notice's files, and its type's extension. */
export const anonymousFileName = (position: number, extension: string) => `attachment-${position}.${extension}`;

/** The extension of a stored name (every stored name has one: attachments.file-name.ts). */
export const extensionOf = (fileName: string) => fileName.slice(fileName.lastIndexOf('.') + 1);

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
     * Rows already linked, or uploaded by another account, are left alone (the caller compares);
     * with `anonymousOnly`, so are uploads not made for an anonymous notice.
     */
    async link(
      ids: readonly string[],
      caseId: string,
      uploadedById: string | null,
      now: Date,
      { anonymousOnly = false }: { anonymousOnly?: boolean } = {},
    ) {
      if (ids.length === 0) return [];
      return db
        .update(attachments)
        .set({ caseId, linkedAt: now })
        .where(
          and(
            inArray(attachments.id, [...ids]),
            isNull(attachments.caseId),
            uploadedById === null ? isNull(attachments.uploadedById) : eq(attachments.uploadedById, uploadedById),
            anonymousOnly ? eq(attachments.isAnonymous, true) : undefined,
          ),
        )
        .returning();
    },

    async rename(id: string, fileName: string): Promise<AttachmentRow | undefined> {
      const rows = await db.update(attachments).set({ fileName }).where(eq(attachments.id, id)).returning();
      return rows[0];
    },

    async countByCase(caseId: string): Promise<number> {
      const rows = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(attachments)
        .where(eq(attachments.caseId, caseId));
      return rows[0]?.count ?? 0;
    },

    /** Of these ids, the unlinked uploads that were not made for an anonymous notice. */
    async listUnlinkedNotAnonymous(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(inArray(attachments.id, [...ids]), isNull(attachments.caseId), eq(attachments.isAnonymous, false)));
      return rows.map((row) => row.id);
    },

    /** What uploads without an account hold on the storage now, not yet linked to a case. */
    async sumUnlinkedUnauthenticatedBytes(): Promise<number> {
      const rows = await db
        .select({ total: sql<string>`coalesce(sum(${attachments.sizeBytes}), 0)::text` })
        .from(attachments)
        .where(and(isNull(attachments.caseId), isNull(attachments.uploadedById)));
      return Number(rows[0]?.total ?? 0);
    },

    /**
     * Unlinked uploads past their time: those with an account behind them created before
     * `cutoffs.withAccount`, those without (guests, anonymous reporters) before `cutoffs.withoutAccount`.
     */
    async listUnlinkedBefore(
      cutoffs: { withAccount: Date; withoutAccount: Date },
      limit: number,
    ): Promise<AttachmentRow[]> {
      return db
        .select()
        .from(attachments)
        .where(
          and(
            isNull(attachments.caseId),
            or(
              and(isNotNull(attachments.uploadedById), lt(attachments.createdAt, cutoffs.withAccount)),
              and(isNull(attachments.uploadedById), lt(attachments.createdAt, cutoffs.withoutAccount)),
            ),
          ),
        )
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
