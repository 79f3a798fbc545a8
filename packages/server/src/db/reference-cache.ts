import type { Database } from './client.ts';

/**
 * Reference data that changes a few times a year and is read on hot paths (holidays, deadline
 * settings, routing rules) is kept in memory per process. A change made through this process
 * calls `invalidate()` after its commit; other nodes reload within `ttlMs`. Entries are keyed by
 * the database handle (pass the root database, not a transaction), so tests with separate
 * databases never share one; a failed load is not kept.
 */
export interface ReferenceCache<T> {
  /** The cached value, or `load()`'s; `fresh` loads again whatever is cached. */
  get(db: Database, load: () => Promise<T>, options?: { fresh?: boolean }): Promise<T>;
  invalidate(): void;
}

export function createReferenceCache<T>(ttlMs: number): ReferenceCache<T> {
  let generation = 0;
  const entries = new WeakMap<Database, { generation: number; loadedAt: number; value: Promise<T> }>();
  return {
    get(db, load, { fresh = false } = {}) {
      const entry = entries.get(db);
      if (!fresh && entry && entry.generation === generation && Date.now() - entry.loadedAt < ttlMs) {
        return entry.value;
      }
      // The generation as the load starts: a change committed meanwhile makes this entry stale.
      const value = load();
      entries.set(db, { generation, loadedAt: Date.now(), value });
      value.catch(() => {
        if (entries.get(db)?.value === value) entries.delete(db);
      });
      return value;
    },
    invalidate() {
      generation += 1;
    },
  };
}
