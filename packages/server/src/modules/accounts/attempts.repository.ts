import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { attemptCounters } from './accounts.table.ts';

export type AttemptCounterRow = typeof attemptCounters.$inferSelect;

/** A counter as the use case names it: which door, whose key, which account it belongs to. */
export interface CounterKey {
  door: string;
  keyHash: string;
  subjectHash: string;
}

/** Counted attempts at secrets (accounts.attempts.ts decides what the counts mean). */
export function createAttemptsRepository({ db }: { db: Database }) {
  return {
    /**
     * The counters' rows, created empty when missing, locked FOR UPDATE until the caller's
     * transaction ends: parallel attempts on one key take turns, so none slips past a limit.
     */
    async lockCounters(keys: readonly CounterKey[], now: Date): Promise<AttemptCounterRow[]> {
      if (keys.length === 0) return [];
      // In a fixed order, each key once: two requests locking the same keys never deadlock.
      const ordered = [...new Map(keys.map((key) => [`${key.door}|${key.keyHash}`, key] as const)).entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, key]) => key);
      // One statement creates the missing rows and locks every row: ON CONFLICT DO UPDATE takes
      // the conflicting row's lock as SELECT ... FOR UPDATE does, rows in VALUES order, and the
      // no-op SET returns the row as it stands (one round trip instead of 1 + one per key, which
      // the embedded database runs on the event loop's thread: docs/operations.md).
      return db
        .insert(attemptCounters)
        .values(ordered.map((key) => ({ ...key, attempts: 0, blockedUntil: null, forgetAt: now })))
        .onConflictDoUpdate({
          target: [attemptCounters.door, attemptCounters.keyHash],
          set: { door: sql`excluded.door` },
        })
        .returning();
    },

    /** The counters as they stand, without locking or creating them. */
    async findCounters(keys: readonly CounterKey[]): Promise<AttemptCounterRow[]> {
      if (keys.length === 0) return [];
      const rows = await Promise.all(
        keys.map((key) =>
          db
            .select()
            .from(attemptCounters)
            .where(and(eq(attemptCounters.door, key.door), eq(attemptCounters.keyHash, key.keyHash))),
        ),
      );
      return rows.flat();
    },

    async writeCounter(
      key: Pick<CounterKey, 'door' | 'keyHash'>,
      state: { attempts: number; blockedUntil: Date | null; forgetAt: Date },
    ): Promise<void> {
      await db
        .update(attemptCounters)
        .set(state)
        .where(and(eq(attemptCounters.door, key.door), eq(attemptCounters.keyHash, key.keyHash)));
    },

    async deleteCounters(keys: ReadonlyArray<Pick<CounterKey, 'door' | 'keyHash'>>): Promise<void> {
      for (const key of keys) {
        await db
          .delete(attemptCounters)
          .where(and(eq(attemptCounters.door, key.door), eq(attemptCounters.keyHash, key.keyHash)));
      }
    },

    /** Every counter of an account at these doors (a password reset lifts its sign-in limits). */
    async deleteCountersOfSubject(subjectHash: string, doors: readonly string[]): Promise<void> {
      await db
        .delete(attemptCounters)
        .where(and(eq(attemptCounters.subjectHash, subjectHash), inArray(attemptCounters.door, [...doors])));
    },

    /** Drops up to `limit` counters past their forget time: called now and then, never a full scan. */
    async sweepForgotten(now: Date, limit = 100): Promise<void> {
      await db.execute(
        sql`DELETE FROM attempt_counters WHERE ctid IN
              (SELECT ctid FROM attempt_counters WHERE forget_at <= ${now} LIMIT ${limit})`,
      );
    },
  };
}
export type AttemptsRepository = ReturnType<typeof createAttemptsRepository>;
