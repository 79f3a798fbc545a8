import type { HashCoordinate } from './tlog.merkle.ts';

/**
 * C2SP tlog-tiles: the tree served as static tiles of height 8. Tile (L, N) holds the stored
 * hashes at Merkle level 8·L with indexes N·256 … N·256+255; a partial tile (`.p/<W>`) holds
 * the first W. Entry bundles (`tile/entries/<N>`) hold the entries of level-0 tile N, each with
 * a big-endian uint16 length prefix.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;
export const MAX_TILE_LEVEL = 63;
/** Entry bundles prefix each entry with a uint16 length. */
export const MAX_ENTRY_BYTES = 0xffff;

export interface TileRef {
  /** The tile level, or `entries` for an entry bundle. */
  level: number | 'entries';
  index: number;
  /** 256 for a full tile, 1-255 for a partial one. */
  width: number;
}

/** N in zero-padded 3-digit path elements, all but the last prefixed with `x`. */
export function formatTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`invalid tile index ${index}`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

/** The path below the log's prefix, e.g. `tile/0/x001/234` or `tile/entries/000.p/7`. */
export function formatTilePath(tile: TileRef): string {
  const suffix = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`;
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${suffix}`;
}

const TILE_PATH = /^tile\/(0|[1-9][0-9]?|entries)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** The tile a path names, or null unless the path is in its one canonical form. */
export function parseTilePath(path: string): TileRef | null {
  const match = TILE_PATH.exec(path);
  if (!match) return null;
  const [, levelText = '', indexText = '', widthText] = match;
  const level: TileRef['level'] = levelText === 'entries' ? 'entries' : Number(levelText);
  if (level !== 'entries' && level > MAX_TILE_LEVEL) return null;
  const width = widthText ? Number(widthText) : TILE_WIDTH;
  if (widthText && width >= TILE_WIDTH) return null;
  const index = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  if (!Number.isSafeInteger(index)) return null;
  const tile: TileRef = { level, index, width };
  return formatTilePath(tile) === path ? tile : null;
}

/** The stored hashes a hash tile holds (an entry bundle's are the level-0 tile's). */
export function tileHashCoordinates(tile: TileRef): HashCoordinate[] {
  const level = tile.level === 'entries' ? 0 : tile.level * TILE_HEIGHT;
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: tile.index * TILE_WIDTH + i }));
}

/** How many leaves a tree needs before the tile exists (its hashes are all complete). */
export function leavesNeededFor(tile: TileRef): number {
  const level = tile.level === 'entries' ? 0 : tile.level;
  return (tile.index * TILE_WIDTH + tile.width) * TILE_WIDTH ** level;
}

/** The tiles of a tree of `size` leaves: full ones, then at each level the partial one if any. */
export function tilesOfTree(size: number): TileRef[] {
  const tiles: TileRef[] = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    if (hashes === 0) break;
    const full = Math.floor(hashes / TILE_WIDTH);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    if (hashes % TILE_WIDTH > 0) tiles.push({ level, index: full, width: hashes % TILE_WIDTH });
  }
  return tiles;
}

export function encodeEntryBundle(entries: ReadonlyArray<Uint8Array>): Uint8Array {
  const total = entries.reduce((sum, entry) => sum + 2 + entry.length, 0);
  const bundle = new Uint8Array(total);
  const view = new DataView(bundle.buffer);
  let offset = 0;
  for (const entry of entries) {
    if (entry.length > MAX_ENTRY_BYTES) throw new RangeError('an entry is longer than 65535 bytes');
    view.setUint16(offset, entry.length);
    bundle.set(entry, offset + 2);
    offset += 2 + entry.length;
  }
  return bundle;
}

export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const view = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (offset + 2 > bundle.length) throw new RangeError('truncated entry bundle');
    const length = view.getUint16(offset);
    if (offset + 2 + length > bundle.length) throw new RangeError('truncated entry bundle');
    entries.push(bundle.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}
