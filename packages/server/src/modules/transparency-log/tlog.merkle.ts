import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree hashing (SHA-256), on "stored hashes": the hash at level k and
 * index i is MTH(D[i·2^k : (i+1)·2^k]), the root of one complete, aligned subtree. Every proof
 * and tile of the log is made of such hashes (or combines O(log n) of them), so the log keeps
 * them all and never rehashes the tree.
 */
export const HASH_SIZE = 32;

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** MTH({d}) = SHA-256(0x00 ‖ d). */
export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256() (RFC 9162 §2.1.1). */
export const EMPTY_TREE_ROOT = sha256();

/** Reads the stored hash at (level, index); it must exist for the tree being read. */
export type HashSource = (level: number, index: number) => Uint8Array;

export interface HashCoordinate {
  level: number;
  index: number;
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && Number.isInteger(Math.log2(n)) && 2 ** Math.log2(n) === n;
}

/**
 * MTH(D[start:end]) for a range the tree's own splits produce (start a multiple of the largest
 * power of two not above end - start): a stored hash if the range is one aligned complete
 * subtree, else its split's two halves combined.
 */
export function subtreeHash(start: number, end: number, source: HashSource): Uint8Array {
  const size = end - start;
  if (size <= 0) throw new RangeError(`empty range [${start}, ${end})`);
  if (isPowerOfTwo(size) && start % size === 0) {
    const level = Math.log2(size);
    return source(level, start / size);
  }
  const k = splitPoint(size);
  return nodeHash(subtreeHash(start, start + k, source), subtreeHash(start + k, end, source));
}

/** The root of the first `size` leaves (the empty tree's root for 0). */
export function treeRoot(size: number, source: HashSource): Uint8Array {
  return size === 0 ? EMPTY_TREE_ROOT : subtreeHash(0, size, source);
}

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]): sibling hashes from the leaf up. */
export function inclusionProof(index: number, size: number, source: HashSource): Uint8Array[] {
  assertIndex(index, size);
  const path: Uint8Array[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeHash(start + k, end, source));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeHash(start, start + k, source));
    }
  };
  walk(index, 0, size);
  return path;
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) that the tree of size m is a prefix of the tree of size n.
 * Empty when m = n, or when m = 0 (every tree extends the empty one).
 */
export function consistencyProof(m: number, n: number, source: HashSource): Uint8Array[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) {
    throw new RangeError(`no consistency proof from ${m} to ${n}`);
  }
  const proof: Uint8Array[] = [];
  if (m === 0) return proof;
  const sub = (m: number, start: number, end: number, isWholeOldTree: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!isWholeOldTree) proof.push(subtreeHash(start, end, source));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, isWholeOldTree);
      proof.push(subtreeHash(start + k, end, source));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(subtreeHash(start, start + k, source));
    }
  };
  sub(m, 0, n, true);
  return proof;
}

function assertIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  }
}

/**
 * The stored hashes a computation reads, found by running it once on placeholder hashes (which
 * hashes are read never depends on their values). The repository fetches exactly these in one
 * query, then runs the computation again on the real ones.
 */
export function hashesReadBy(compute: (source: HashSource) => unknown): HashCoordinate[] {
  const seen = new Map<string, HashCoordinate>();
  const placeholder = new Uint8Array(HASH_SIZE);
  compute((level, index) => {
    seen.set(`${level}/${index}`, { level, index });
    return placeholder;
  });
  return [...seen.values()];
}

/**
 * The complete subtrees that make up a tree of `size` leaves, left to right (one per set bit of
 * size): appending leaves only ever needs these, and the root combines them.
 */
export function frontierOf(size: number): HashCoordinate[] {
  const frontier: HashCoordinate[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      frontier.push({ level, index: start / width });
      start += width;
    }
  }
  return frontier;
}

/**
 * The stored hashes that appending `leafHashes` to a tree of `oldSize` leaves creates, in the
 * order they are made. `source` must answer the old tree's frontier (and the new hashes made so
 * far are looked up here first).
 */
export function storedHashesForAppend(
  oldSize: number,
  leafHashes: ReadonlyArray<Uint8Array>,
  source: HashSource,
): Array<HashCoordinate & { hash: Uint8Array }> {
  const made = new Map<string, Uint8Array>();
  const read = (level: number, index: number) => made.get(`${level}/${index}`) ?? source(level, index);
  const created: Array<HashCoordinate & { hash: Uint8Array }> = [];
  const keep = (level: number, index: number, hash: Uint8Array) => {
    made.set(`${level}/${index}`, hash);
    created.push({ level, index, hash });
  };
  leafHashes.forEach((hash, offset) => {
    let index = oldSize + offset;
    let level = 0;
    let current = hash;
    keep(level, index, current);
    // A right child completes its parent: climb while the node is a right child.
    while (index % 2 === 1) {
      current = nodeHash(read(level, index - 1), current);
      index = (index - 1) / 2;
      level += 1;
      keep(level, index, current);
    }
  });
  return created;
}
