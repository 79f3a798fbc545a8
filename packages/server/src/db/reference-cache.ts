import { type Database, isRootHandle, rootOf } from './client.ts';
import { assertOutsideTransaction } from './transaction-scope.ts';

/**
 * Reference data that changes a few times a year and is read on hot paths (holidays, deadline
 * settings, routing rules, unit names) is kept in memory per process. A change made through this
 * process calls `invalidate()` after its commit; other nodes reload within `ttlMs`. A failed load
 * is not kept.
 *
 * Pass the handle the caller works with: inside a transaction, the transaction. A miss then loads
 * through it (never through the root handle, which the transaction's own connection would wait
 * for: see db/transaction-scope.ts), and the entry is kept under the transaction's root database,
 * so tests with separate databases never share one. Passing the root handle from inside a
 * transaction throws even when the value is cached: a cold cache would have frozen the server.
 */
export interface ReferenceCache<T> {
  /** The cached value, or `load()`'s; `fresh` loads again whatever is cached. */
  get(db: Database, load: () => Promise<T>, options?: { fresh?: boolean }): Promise<T>;
  invalidate(): void;
}

/** Bumped by invalidateAllReferenceCaches: every cache's entries made before are stale. */
let globalGeneration = 0;

/** Makes every reference cache of this process load again on its next use (tests start cold with it). */
export function invalidateAllReferenceCaches(): void {
  globalGeneration += 1;
}

export function createReferenceCache<T>(ttlMs: number): ReferenceCache<T> {
  let generation = 0;
  const entries = new WeakMap<Database, { generation: string; loadedAt: number; value: Promise<T> }>();
  const currentGeneration = () => `${globalGeneration}.${generation}`;
  return {
    get(db, load, { fresh = false } = {}) {
      if (isRootHandle(db)) assertOutsideTransaction('reading reference data');
      const key = rootOf(db);
      const entry = entries.get(key);
      if (!fresh && entry && entry.generation === currentGeneration() && Date.now() - entry.loadedAt < ttlMs) {
        return entry.value;
      }
      // The generation as the load starts: a change committed meanwhile makes this entry stale.
      const value = load();
      entries.set(key, { generation: currentGeneration(), loadedAt: Date.now(), value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    invalidate() {
      generation += 1;
    },
  };
}

/** Reference data whose change other modules' caches may depend on. */
export type ReferenceData = 'units' | 'categories' | 'routing_rules';

const changeListeners = new Map<ReferenceData, Set<() => void>>();

/**
 * A module whose cache is built from another module's reference data listens here (the routing
 * snapshot listens for units and categories), so the module that changes the data signals the
 * change without importing its readers: no import cycle (docs/ARCHITECTURE.md, "Module boundaries").
 */
export function onReferenceChange(kinds: readonly ReferenceData[], listener: () => void): void {
  for (const kind of kinds) {
    if (!changeListeners.has(kind)) changeListeners.set(kind, new Set());
    changeListeners.get(kind)!.add(listener);
  }
}

/** Call after committing a change to reference data of this kind. */
export function signalReferenceChange(kind: ReferenceData): void {
  for (const listener of changeListeners.get(kind) ?? []) listener();
}
