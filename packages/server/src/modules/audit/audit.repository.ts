import { asc, isNull, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { rowToJson } from '../../db/json-rows.ts';
import { type SqlText, sqlText } from '../../db/sql-text.ts';
import { auditLog } from './audit.table.ts';

export interface AuditEntry {
  actorId: string | null;
  actorKind: 'citizen' | 'staff' | 'guest' | 'system';
  /** Dotted and past tense, e.g. `accounts.signed_in`, `units.created`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId?: string | null;
  /** What changed; never passwords, codes, secrets or message bodies. */
  data?: Record<string, unknown>;
}

/** A sealed row, as the chain covers it (timestamps as fixed UTC text with microseconds). */
export interface SealedAuditRow {
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  data: Record<string, unknown>;
  sealSeq: number;
  prevHash: string;
  hash: string;
}

const occurredAtText = sql<string>`to_char(${auditLog.occurredAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The audit insert as fixed SQL text that reads its rows from one jsonb parameter (see
 * `auditJsonRows`), for a hot path that sends its whole change as one named statement, parsed
 * and planned once per connection. `onlyIf` is an SQL condition (e.g. that a row was inserted).
 */
export function auditInsertFromJson(rowsParameter: SqlText, onlyIf: SqlText = sqlText`true`): SqlText {
  return sqlText`INSERT INTO audit_log (actor_id, actor_kind, action, subject_type, subject_id, request_id, data)
    SELECT a.actor_id, a.actor_kind, a.action, a.subject_type, a.subject_id, a.request_id, coalesce(a.data, '{}')
      FROM jsonb_to_recordset(${rowsParameter}::jsonb)
        AS a(actor_id uuid, actor_kind text, action text, subject_type text, subject_id text, request_id text, data jsonb)
     WHERE ${onlyIf}`;
}

export function auditJsonRows(entries: readonly AuditEntry[]): string {
  return JSON.stringify(entries.map((entry) => rowToJson(auditLog, rowOf(entry))));
}

/** The columns an entry sets; the rest (time, seal) are the table's defaults. */
function rowOf(entry: AuditEntry) {
  return {
    actorId: entry.actorId,
    actorKind: entry.actorKind,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    requestId: entry.requestId ?? null,
    data: entry.data ?? {},
  };
}

export function createAuditRepository({ db }: { db: Database }) {
  return {
    /** Call with the transaction of the change being recorded, so both commit or neither. */
    async record(entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values(rowOf(entry));
    },

    /** Serialises sealers across nodes for the rest of the transaction; false if another holds it. */
    async tryLockSealing(): Promise<boolean> {
      const rows = await queryRows<{ locked: boolean }>(
        db,
        sql`SELECT pg_try_advisory_xact_lock(7301642002) AS locked`,
      );
      return Boolean(rows[0]?.locked);
    },

    async findChainHead(): Promise<{ sealSeq: number; hash: string } | null> {
      const rows = await db
        .select({ sealSeq: auditLog.sealSeq, hash: auditLog.hash })
        .from(auditLog)
        .where(sql`${auditLog.sealSeq} IS NOT NULL`)
        .orderBy(sql`${auditLog.sealSeq} DESC`)
        .limit(1);
      const head = rows[0];
      return head?.sealSeq != null && head.hash ? { sealSeq: head.sealSeq, hash: head.hash } : null;
    },

    /** Committed rows not yet sealed, oldest first. */
    async listUnsealed(limit: number) {
      return db
        .select({
          id: auditLog.id,
          occurredAt: occurredAtText,
          actorId: auditLog.actorId,
          actorKind: auditLog.actorKind,
          action: auditLog.action,
          subjectType: auditLog.subjectType,
          subjectId: auditLog.subjectId,
          requestId: auditLog.requestId,
          data: auditLog.data,
        })
        .from(auditLog)
        .where(isNull(auditLog.sealSeq))
        .orderBy(asc(auditLog.id))
        .limit(limit);
    },

    /**
     * Seals a batch in one statement (one UPDATE per row cost a round trip per audited change).
     * The row trigger still checks every row.
     */
    async sealMany(
      seals: ReadonlyArray<{ id: number; sealSeq: number; prevHash: string; hash: string }>,
    ): Promise<void> {
      if (seals.length === 0) return;
      await db.execute(
        sql`UPDATE audit_log AS a
               SET seal_seq = v.seal_seq, prev_hash = v.prev_hash, hash = v.hash
              FROM jsonb_to_recordset(${JSON.stringify(
                seals.map((row) => ({ id: row.id, seal_seq: row.sealSeq, prev_hash: row.prevHash, hash: row.hash })),
              )}::jsonb) AS v(id bigint, seal_seq bigint, prev_hash text, hash text)
             WHERE a.id = v.id`,
      );
    },

    /** Sealed rows in chain order, from `afterSeq` (exclusive), a page at a time. */
    async listSealed(afterSeq: number, limit: number): Promise<SealedAuditRow[]> {
      const rows = await db
        .select({
          id: auditLog.id,
          occurredAt: occurredAtText,
          actorId: auditLog.actorId,
          actorKind: auditLog.actorKind,
          action: auditLog.action,
          subjectType: auditLog.subjectType,
          subjectId: auditLog.subjectId,
          requestId: auditLog.requestId,
          data: auditLog.data,
          sealSeq: auditLog.sealSeq,
          prevHash: auditLog.prevHash,
          hash: auditLog.hash,
        })
        .from(auditLog)
        .where(sql`${auditLog.sealSeq} > ${afterSeq}`)
        .orderBy(asc(auditLog.sealSeq))
        .limit(limit);
      return rows as SealedAuditRow[];
    },

    /** The seal's hash of the row at `sealSeq`, or null when no row has that place. */
    async findSealHash(sealSeq: number): Promise<string | null> {
      const rows = await db.select({ hash: auditLog.hash }).from(auditLog).where(sql`${auditLog.sealSeq} = ${sealSeq}`);
      return rows[0]?.hash ?? null;
    },

    async countUnsealed(): Promise<number> {
      const rows = await queryRows<{ count: string }>(
        db,
        sql`SELECT count(*)::text AS count FROM audit_log WHERE seal_seq IS NULL`,
      );
      return Number(rows[0]?.count ?? 0);
    },

    /** Audit rows about one subject, newest first (for auditors and tests). */
    async listForSubject(subjectType: string, subjectId: string) {
      return db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.subjectType} = ${subjectType} AND ${auditLog.subjectId} = ${subjectId}`)
        .orderBy(sql`${auditLog.id} DESC`);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
