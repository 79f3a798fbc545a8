import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  formatTileIndex,
  formatTilePath,
  leavesNeededFor,
  parseTilePath,
  tileHashCoordinates,
  tilesOfTree,
} from './tlog.tiles.ts';

describe('C2SP tlog-tiles paths', () => {
  it('writes the index in 3-digit groups with x prefixes', () => {
    expect(formatTileIndex(0)).toBe('000');
    expect(formatTileIndex(5)).toBe('005');
    expect(formatTileIndex(999)).toBe('999');
    expect(formatTileIndex(1000)).toBe('x001/000');
    expect(formatTileIndex(1234067)).toBe('x001/x234/067');
    expect(formatTilePath({ level: 1, index: 3057500, width: 256 })).toBe('tile/1/x003/x057/500');
    expect(formatTilePath({ level: 0, index: 1, width: 7 })).toBe('tile/0/001.p/7');
    expect(formatTilePath({ level: 'entries', index: 0, width: 255 })).toBe('tile/entries/000.p/255');
  });

  it('reads back every path it writes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 63 }), fc.constant('entries' as const)),
        fc.nat(),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          const tile = { level, index, width };
          expect(parseTilePath(formatTilePath(tile))).toEqual(tile);
        },
      ),
    );
  });

  it('refuses every other spelling', () => {
    for (const bad of [
      'tile/0/5',
      'tile/0/0005',
      'tile/00/005',
      'tile/64/000',
      'tile/0/x000/005',
      'tile/0/001/005',
      'tile/0/x1/005',
      'tile/0/005.p/0',
      'tile/0/005.p/256',
      'tile/0/005.p/07',
      'tile/0/005.p/',
      'tile/8/0/000',
      'tile/data/000',
      'tile/-1/000',
      'tile/0/000/',
      '/tile/0/000',
    ]) {
      expect(parseTilePath(bad), bad).toBeNull();
    }
  });
});

describe('tile contents', () => {
  it('a tile of level L holds stored hashes of Merkle level 8L', () => {
    expect(tileHashCoordinates({ level: 1, index: 2, width: 3 })).toEqual([
      { level: 8, index: 512 },
      { level: 8, index: 513 },
      { level: 8, index: 514 },
    ]);
    expect(leavesNeededFor({ level: 0, index: 1, width: 256 })).toBe(512);
    expect(leavesNeededFor({ level: 1, index: 0, width: 1 })).toBe(256);
    expect(leavesNeededFor({ level: 'entries', index: 0, width: 3 })).toBe(3);
  });

  it('lists the tiles of a tree as the spec counts them', () => {
    // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0 tile
    // of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one partial level
    // 2 tile of width 1."
    const tiles = tilesOfTree(70000);
    const level0 = tiles.filter((t) => t.level === 0);
    expect(level0.filter((t) => t.width === 256)).toHaveLength(273);
    expect(level0.at(-1)).toEqual({ level: 0, index: 273, width: 112 });
    expect(tiles.filter((t) => t.level === 1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(tiles.filter((t) => t.level === 2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tilesOfTree(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesOfTree(0)).toEqual([]);
    for (const tile of tiles) expect(leavesNeededFor(tile)).toBeLessThanOrEqual(70000);
  });

  it('entry bundles are uint16 big-endian length-prefixed entries, and read back', () => {
    expect([...encodeEntryBundle([new Uint8Array([7]), new Uint8Array(), new Uint8Array([1, 2])])]).toEqual([
      0, 1, 7, 0, 0, 0, 2, 1, 2,
    ]);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), (entries) => {
        expect(decodeEntryBundle(encodeEntryBundle(entries)).map((e) => [...e])).toEqual(entries.map((e) => [...e]));
      }),
    );
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array([0, 3, 1]))).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow(RangeError);
  });
});
