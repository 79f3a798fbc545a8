import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import type { HashCoordinate } from './tlog.merkle.ts';

/** Arbitrary but fixed: the one log writer across nodes holds this advisory lock. */
const WRITER_LOCK_KEY = 7_301_642_010;

// Bytes travel as hex text (in JSON for batches): the same on PGlite and node-postgres, which
// hand bytea back as different types.
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
export const coordinateKey = (level: number, index: number) => `${level}/${index}`;

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
  /** The signed note, exactly as served. */
  note: string;
  signedAt: string;
}

export interface PendingEntry {
  id: number;
  sourceId: string;
  entry: Uint8Array;
}

export function createTransparencyLogRepository({ db }: { db: Database }) {
  return {
    /** In the caller's transaction; a source already queued or logged is left as it is. */
    async enqueue(sourceId: string, entry: Uint8Array): Promise<void> {
      await db.execute(sql`
        INSERT INTO transparency_log_pending (source_id, entry)
        SELECT ${sourceId}::uuid, decode(${toHex(entry)}, 'hex')
         WHERE NOT EXISTS (SELECT 1 FROM transparency_log_entries WHERE source_id = ${sourceId}::uuid)
        ON CONFLICT (source_id) DO NOTHING`);
    },

    /** Waits for, then holds until the transaction ends, the right to append. */
    async lockWriter(): Promise<void> {
      await db.execute(sql`SELECT pg_advisory_xact_lock(${WRITER_LOCK_KEY})`);
    },

    async latestCheckpoint(): Promise<StoredCheckpoint | null> {
      const rows = await queryRows<{ tree_size: string; root_hash: string; note: string; signed_at: string }>(
        db,
        sql`SELECT tree_size::text, encode(root_hash, 'hex') AS root_hash, note,
                   to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at
              FROM transparency_log_checkpoints AS c ORDER BY c.tree_size DESC LIMIT 1`,
      );
      const row = rows[0];
      return row
        ? { treeSize: Number(row.tree_size), rootHash: fromHex(row.root_hash), note: row.note, signedAt: row.signed_at }
        : null;
    },

    async countEntries(): Promise<number> {
      const rows = await queryRows<{ n: string }>(
        db,
        sql`SELECT coalesce(max(leaf_index) + 1, 0)::text AS n FROM transparency_log_entries`,
      );
      return Number(rows[0]?.n ?? 0);
    },

    /** Queued entries, oldest first, after dropping any whose source a previous batch logged. */
    async takePending(limit: number): Promise<PendingEntry[]> {
      await db.execute(sql`
        DELETE FROM transparency_log_pending AS p
         USING transparency_log_entries AS e WHERE e.source_id = p.source_id`);
      const rows = await queryRows<{ id: string; source_id: string; entry: string }>(
        db,
        sql`SELECT id::text, source_id::text, encode(entry, 'hex') AS entry
              FROM transparency_log_pending AS p ORDER BY p.id LIMIT ${limit}`,
      );
      return rows.map((row) => ({ id: Number(row.id), sourceId: row.source_id, entry: fromHex(row.entry) }));
    },

    async countPending(): Promise<number> {
      const rows = await queryRows<{ n: string }>(db, sql`SELECT count(*)::text AS n FROM transparency_log_pending`);
      return Number(rows[0]?.n ?? 0);
    },

    /** The stored hashes at these coordinates, keyed `level/index` (missing ones are absent). */
    async readHashes(coordinates: ReadonlyArray<HashCoordinate>): Promise<Map<string, Uint8Array>> {
      const found = new Map<string, Uint8Array>();
      if (coordinates.length === 0) return found;
      const rows = await queryRows<{ level: number; idx: string; hash: string }>(
        db,
        sql`SELECT h.level, h.idx::text, encode(h.hash, 'hex') AS hash
              FROM jsonb_to_recordset(${JSON.stringify(coordinates.map((c) => ({ level: c.level, idx: c.index })))}::jsonb)
                   AS v(level smallint, idx bigint)
              JOIN transparency_log_hashes AS h ON h.level = v.level AND h.idx = v.idx`,
      );
      for (const row of rows) found.set(coordinateKey(Number(row.level), Number(row.idx)), fromHex(row.hash));
      return found;
    },

    /** `count` consecutive stored hashes of one level from `start` (one range read: a tile). */
    async readHashRange(level: number, start: number, count: number): Promise<Uint8Array[]> {
      const rows = await queryRows<{ hash: string }>(
        db,
        sql`SELECT encode(hash, 'hex') AS hash FROM transparency_log_hashes
             WHERE level = ${level} AND idx >= ${start} AND idx < ${start + count} ORDER BY idx`,
      );
      return rows.map((row) => fromHex(row.hash));
    },

    async readEntries(start: number, count: number): Promise<Uint8Array[]> {
      const rows = await queryRows<{ entry: string }>(
        db,
        sql`SELECT encode(entry, 'hex') AS entry FROM transparency_log_entries
             WHERE leaf_index >= ${start} AND leaf_index < ${start + count} ORDER BY transparency_log_entries.leaf_index`,
      );
      return rows.map((row) => fromHex(row.entry));
    },

    async findEntryBySource(sourceId: string): Promise<{ index: number; entry: Uint8Array } | null> {
      const rows = await queryRows<{ leaf_index: string; entry: string }>(
        db,
        sql`SELECT leaf_index::text, encode(entry, 'hex') AS entry
              FROM transparency_log_entries WHERE source_id = ${sourceId}::uuid`,
      );
      const row = rows[0];
      return row ? { index: Number(row.leaf_index), entry: fromHex(row.entry) } : null;
    },

    /** Appends the batch: its entries from `firstIndex`, its new stored hashes, and drops it from the queue. */
    async appendBatch(
      firstIndex: number,
      pending: ReadonlyArray<PendingEntry>,
      hashes: ReadonlyArray<HashCoordinate & { hash: Uint8Array }>,
    ): Promise<void> {
      if (pending.length === 0) return;
      const entries = pending.map((item, offset) => ({
        leaf_index: firstIndex + offset,
        source_id: item.sourceId,
        entry: toHex(item.entry),
      }));
      await db.execute(sql`
        INSERT INTO transparency_log_entries (leaf_index, source_id, entry)
        SELECT v.leaf_index, v.source_id, decode(v.entry, 'hex')
          FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS v(leaf_index bigint, source_id uuid, entry text)`);
      const stored = hashes.map((item) => ({ level: item.level, idx: item.index, hash: toHex(item.hash) }));
      await db.execute(sql`
        INSERT INTO transparency_log_hashes (level, idx, hash)
        SELECT v.level, v.idx, decode(v.hash, 'hex')
          FROM jsonb_to_recordset(${JSON.stringify(stored)}::jsonb) AS v(level smallint, idx bigint, hash text)`);
      await db.execute(sql`
        DELETE FROM transparency_log_pending
         WHERE id IN (SELECT (value)::bigint FROM jsonb_array_elements_text(${JSON.stringify(pending.map((p) => p.id))}::jsonb))`);
    },

    async insertCheckpoint(treeSize: number, rootHash: Uint8Array, note: string): Promise<void> {
      await db.execute(sql`
        INSERT INTO transparency_log_checkpoints (tree_size, root_hash, note)
        VALUES (${treeSize}, decode(${toHex(rootHash)}, 'hex'), ${note})`);
    },
  };
}
export type TransparencyLogRepository = ReturnType<typeof createTransparencyLogRepository>;
