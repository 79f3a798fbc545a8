import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryTree } from './tlog.memory-tree.ts';
import {
  consistencyProof,
  EMPTY_TREE_ROOT,
  frontierOf,
  hashesReadBy,
  inclusionProof,
  leafHash,
  nodeHash,
  subtreeHash,
  treeRoot,
} from './tlog.merkle.ts';
import { verifyConsistency, verifyInclusion } from './tlog.merkle-verify.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

// The RFC 6962 reference leaves and roots (certificate-transparency / transparency-dev/merkle testonly).
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: Array<[number, number, string[]]> = [
  [0, 1, []],
  [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
  [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const CT_CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

// transparency-dev/merkle compact/range_test.go golden roots: leaf i is the two bytes of i, little-endian.
const GOLDEN_ROOTS: Array<[number, string]> = [
  [10, 'VjWMPSYNtCuCNlF/RLnQy6HcwSk6CIipfxm+hettA+4='],
  [15, 'j4SulYmocFuxdeyp12xXCIgK6PekBcxzAIj4zbQzNEI='],
  [16, 'c+4Uc6BCMOZf/v3NZK1kqTUJe+bBoFtOhP+P3SayKRE='],
  [100, 'dUh9hYH88p0CMoHkdr1wC2szbhcLAXOejWpINIooKUY='],
  [255, 'SmdsuKUqiod3RX2jyF2M6JnbdE4QuTwwipfAowI4/i0='],
];

/** The definition of RFC 9162 §2.1.1, straight from the leaves: the oracle for the stored-hash code. */
function referenceRoot(entries: Uint8Array[]): Uint8Array {
  if (entries.length === 0) return EMPTY_TREE_ROOT;
  if (entries.length === 1) return leafHash(entries[0] as Uint8Array);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return nodeHash(referenceRoot(entries.slice(0, k)), referenceRoot(entries.slice(k)));
}

const ctTree = () => {
  const tree = createMemoryTree();
  tree.appendEntries(CT_LEAVES);
  return tree;
};

describe('RFC 9162 Merkle hashing against the reference vectors', () => {
  it('hashes leaves and nodes with their domain prefixes', () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe(CT_ROOTS[0]);
    expect(hex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(hex(leafHash(new TextEncoder().encode('L123456')))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(hex(nodeHash(new TextEncoder().encode('N123'), new TextEncoder().encode('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });

  it('gives the reference root for every size from 0 to 8', () => {
    const tree = ctTree();
    for (let size = 0; size <= 8; size++) expect(hex(treeRoot(size, tree.source))).toBe(CT_ROOTS[size]);
  });

  it('gives the golden roots of larger trees', () => {
    const tree = createMemoryTree();
    tree.appendEntries(Array.from({ length: 255 }, (_, i) => new Uint8Array([i & 0xff, (i >> 8) & 0xff])));
    for (const [size, root] of GOLDEN_ROOTS) {
      expect(Buffer.from(treeRoot(size, tree.source)).toString('base64')).toBe(root);
    }
  });

  it('builds the reference inclusion proofs, and they verify', () => {
    const tree = ctTree();
    for (const [index, size, expected] of CT_INCLUSION) {
      const proof = inclusionProof(index, size, tree.source);
      expect(proof.map(hex)).toEqual(expected);
      const root = fromHex(CT_ROOTS[size] as string);
      expect(verifyInclusion(leafHash(CT_LEAVES[index] as Uint8Array), index, size, proof, root)).toBe(true);
    }
  });

  it('builds the reference consistency proofs, and they verify', () => {
    const tree = ctTree();
    for (const [m, n, expected] of CT_CONSISTENCY) {
      const proof = consistencyProof(m, n, tree.source);
      expect(proof.map(hex)).toEqual(expected);
      const [oldRoot, newRoot] = [fromHex(CT_ROOTS[m] as string), fromHex(CT_ROOTS[n] as string)];
      expect(verifyConsistency(m, n, proof, oldRoot, newRoot)).toBe(true);
    }
  });

  it('refuses the classic corruptions of a reference inclusion proof', () => {
    const tree = ctTree();
    const [index, size] = [5, 8];
    const proof = inclusionProof(index, size, tree.source);
    const root = fromHex(CT_ROOTS[size] as string);
    const leaf = leafHash(CT_LEAVES[index] as Uint8Array);
    const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');
    const refusals: Array<[number, number, Uint8Array, Uint8Array, Uint8Array[]]> = [
      [index - 1, size, leaf, root, proof],
      [index + 1, size, leaf, root, proof],
      [index ^ 2, size, leaf, root, proof],
      [index, size * 2, leaf, root, proof],
      [index, size / 2, leaf, root, proof],
      [index, size, leafHash(new TextEncoder().encode('WrongLeaf')), root, proof],
      [index, size, leaf, EMPTY_TREE_ROOT, proof],
      [index, size, leaf, someHash, proof],
      [index, size, leaf, root, [...proof, root]],
      [index, size, leaf, root, [root, ...proof]],
      [index, size, leaf, root, proof.slice(0, -1)],
      [index, size, leaf, root, [proof[0] as Uint8Array, someHash, ...proof.slice(1)]],
      [index, size, leaf, root, [...proof, new Uint8Array()]],
    ];
    for (const [i, n, l, r, p] of refusals) expect(verifyInclusion(l, i, n, p, r)).toBe(false);
    expect(verifyInclusion(leaf, 0, 0, [], root)).toBe(false);
  });

  it('treats the empty tree as the prefix of every tree, with an empty proof', () => {
    const tree = ctTree();
    expect(consistencyProof(0, 8, tree.source)).toEqual([]);
    expect(verifyConsistency(0, 8, [], EMPTY_TREE_ROOT, fromHex(CT_ROOTS[8] as string))).toBe(true);
    expect(verifyConsistency(0, 8, [], fromHex(CT_ROOTS[1] as string), fromHex(CT_ROOTS[8] as string))).toBe(false);
    expect(() => consistencyProof(9, 8, tree.source)).toThrow(RangeError);
    expect(() => inclusionProof(8, 8, tree.source)).toThrow(RangeError);
  });
});

describe('proofs at many tree sizes (properties)', () => {
  // One tree of 65,537 leaves; every smaller tree is a prefix of it, with the same stored hashes.
  const SIZES = [1, 2, 3, 7, 255, 256, 257, 65537];
  const big = createMemoryTree();
  big.appendEntries(Array.from({ length: 65537 }, (_, i) => new TextEncoder().encode(`entry ${i}`)));
  const entry = (i: number) => new TextEncoder().encode(`entry ${i}`);
  const rootOf = (size: number) => treeRoot(size, big.source);

  it('agrees with the recursive definition of the root', () => {
    for (const size of [0, 1, 2, 3, 5, 7, 8, 9, 100, 255, 256, 257, 1000]) {
      expect(hex(rootOf(size))).toBe(hex(referenceRoot(Array.from({ length: size }, (_, i) => entry(i)))));
    }
  });

  it('the root of a tree is the combination of its frontier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65537 }), (size) => {
        const frontier = frontierOf(size);
        const hashes = frontier.map(({ level, index }) => big.source(level, index));
        const combined = hashes.reduceRight((right, left) => nodeHash(left, right));
        expect(hex(combined)).toBe(hex(rootOf(size)));
      }),
      { numRuns: 200 },
    );
  });

  const flipOne = (proof: Uint8Array[], which: number, bit: number) =>
    proof.map((hash, i) => {
      if (i !== which % proof.length) return hash;
      const copy = hash.slice();
      copy[bit % 32] = (copy[bit % 32] ?? 0) ^ (1 << (bit % 8));
      return copy;
    });

  for (const size of SIZES) {
    it(`inclusion proofs verify in a tree of ${size}, and fail after any one hash changes`, () => {
      const root = rootOf(size);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: size - 1 }), fc.nat(), fc.nat(255), (index, which, bit) => {
          const proof = inclusionProof(index, size, big.source);
          expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
          const leaf = leafHash(entry(index));
          expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
          if (proof.length > 0)
            expect(verifyInclusion(leaf, index, size, flipOne(proof, which, bit), root)).toBe(false);
          expect(verifyInclusion(leafHash(entry(index + 1)), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof, flipOne([root], 0, bit)[0] as Uint8Array)).toBe(false);
        }),
        { numRuns: size === 1 ? 5 : 60 },
      );
    });

    it(`consistency proofs verify into a tree of ${size}, and fail after any one hash changes`, () => {
      const newRoot = rootOf(size);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: size }), fc.nat(), fc.nat(255), (m, which, bit) => {
          const proof = consistencyProof(m, size, big.source);
          const oldRoot = rootOf(m);
          expect(verifyConsistency(m, size, proof, oldRoot, newRoot)).toBe(true);
          if (proof.length > 0) {
            expect(verifyConsistency(m, size, flipOne(proof, which, bit), oldRoot, newRoot)).toBe(false);
          }
          if (m < size) {
            const [badOld] = flipOne([oldRoot], 0, bit);
            expect(verifyConsistency(m, size, proof, badOld as Uint8Array, newRoot)).toBe(false);
            const [badNew] = flipOne([newRoot], 0, bit);
            expect(verifyConsistency(m, size, proof, oldRoot, badNew as Uint8Array)).toBe(false);
          }
        }),
        { numRuns: size === 1 ? 5 : 60 },
      );
    });
  }

  it('a proof reads O(log n) stored hashes', () => {
    const reads = hashesReadBy((source) => consistencyProof(12345, 65537, source));
    expect(reads.length).toBeLessThanOrEqual(2 * 17);
    const inclusionReads = hashesReadBy((source) => inclusionProof(40000, 65537, source));
    expect(inclusionReads.length).toBeLessThanOrEqual(17);
    expect(hashesReadBy((source) => subtreeHash(0, 65536, source))).toEqual([{ level: 16, index: 0 }]);
  });

  it('appending in batches makes the same stored hashes as appending one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const batched = createMemoryTree();
        let next = 0;
        for (const count of batches) {
          batched.appendEntries(Array.from({ length: count }, () => entry(next++)));
          expect(hex(treeRoot(batched.size, batched.source))).toBe(hex(rootOf(batched.size)));
        }
        batched.levels.forEach((level, k) => {
          level.forEach((hash, i) => {
            expect(hex(hash)).toBe(hex(big.source(k, i)));
          });
        });
      }),
      { numRuns: 50 },
    );
  });
});
