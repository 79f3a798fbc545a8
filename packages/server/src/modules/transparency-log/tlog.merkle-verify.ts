import { EMPTY_TREE_ROOT, HASH_SIZE, isPowerOfTwo, nodeHash } from './tlog.merkle.ts';

/**
 * The verifiers of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency): what a client with
 * only a proof and signed roots runs. They never throw on bad input; they answer false.
 */

export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

const isHash = (hash: Uint8Array) => hash.length === HASH_SIZE;
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** Does `proof` show that the leaf with hash `leaf` sits at `index` in the tree with `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: ReadonlyArray<Uint8Array>,
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHashes(r, root);
}

/** Does `proof` show that the tree of `oldSize` with `oldRoot` is a prefix of the newer one? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: ReadonlyArray<Uint8Array>,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize === 0) return proof.length === 0 && equalHashes(oldRoot, EMPTY_TREE_ROOT);
  if (oldSize === newSize) return proof.length === 0 && equalHashes(oldRoot, newRoot);
  if (proof.length === 0) return false;
  // When the old tree is a complete subtree, its root is the proof's implicit first node.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (!first) return false;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHashes(fr, oldRoot) && equalHashes(sr, newRoot);
}
