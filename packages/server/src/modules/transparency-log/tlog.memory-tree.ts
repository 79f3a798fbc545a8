import { type HashSource, leafHash, storedHashesForAppend } from './tlog.merkle.ts';

/**
 * Every stored hash of a tree, in memory: builds trees of any size quickly for tests and checks
 * (levels[k][i] is the stored hash at level k, index i).
 */
export function createMemoryTree() {
  const levels: Uint8Array[][] = [];
  let size = 0;
  const source: HashSource = (level, index) => {
    const hash = levels[level]?.[index];
    if (!hash) throw new RangeError(`no stored hash at level ${level}, index ${index}`);
    return hash;
  };
  return {
    source,
    levels,
    get size() {
      return size;
    },
    appendLeafHashes(hashes: ReadonlyArray<Uint8Array>): void {
      for (const stored of storedHashesForAppend(size, hashes, source)) {
        levels[stored.level] ??= [];
        (levels[stored.level] as Uint8Array[])[stored.index] = stored.hash;
      }
      size += hashes.length;
    },
    appendEntries(entries: ReadonlyArray<Uint8Array>): void {
      this.appendLeafHashes(entries.map(leafHash));
    },
  };
}
export type MemoryTree = ReturnType<typeof createMemoryTree>;
