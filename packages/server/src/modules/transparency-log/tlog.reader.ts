import type { Database } from '../../db/client.ts';
import { createProofOutOfRangeError } from './tlog.errors.ts';
import { consistencyProof, type HashSource, hashesReadBy, inclusionProof, treeRoot } from './tlog.merkle.ts';
import { formatReceipt } from './tlog.receipt.ts';
import { coordinateKey, createTransparencyLogRepository, type StoredCheckpoint } from './tlog.repository.ts';
import { encodeEntryBundle, leavesNeededFor, type TileRef, tileHashCoordinates } from './tlog.tiles.ts';

/**
 * Reads of the log for anyone: the latest checkpoint, tiles, proofs and receipts. Each costs
 * O(log n) stored-hash reads in one query (a tile: one range read), never a walk of the tree.
 */

/** Runs a proof or root computation on exactly the stored hashes it reads, fetched in one query. */
async function computeOnStoredHashes<T>(db: Database, compute: (source: HashSource) => T): Promise<T> {
  const hashes = await createTransparencyLogRepository({ db }).readHashes(hashesReadBy(compute));
  return compute((level, index) => {
    const hash = hashes.get(coordinateKey(level, index));
    if (!hash) throw new Error(`stored hash ${level}/${index} is missing`);
    return hash;
  });
}

export async function latestCheckpoint(db: Database): Promise<StoredCheckpoint | null> {
  return createTransparencyLogRepository({ db }).latestCheckpoint();
}

/**
 * The leaf index of the entry logged for `sourceId`, once a signed checkpoint covers it (null
 * before): what a listing shows, without computing a proof.
 */
export async function logIndexFor(db: Database, sourceId: string): Promise<number | null> {
  const repository = createTransparencyLogRepository({ db });
  const [found, checkpoint] = [await repository.findEntryBySource(sourceId), await repository.latestCheckpoint()];
  return found && checkpoint && checkpoint.treeSize > found.index ? found.index : null;
}

/**
 * The receipt (C2SP tlog-proof) of the entry logged for `sourceId`, against the latest signed
 * checkpoint; null until a checkpoint covers the entry.
 */
export async function logReceiptFor(
  db: Database,
  sourceId: string,
): Promise<{ index: number; receipt: string } | null> {
  const repository = createTransparencyLogRepository({ db });
  const found = await repository.findEntryBySource(sourceId);
  if (!found) return null;
  const checkpoint = await repository.latestCheckpoint();
  if (!checkpoint || checkpoint.treeSize <= found.index) return null;
  const proof = await computeOnStoredHashes(db, (source) => inclusionProof(found.index, checkpoint.treeSize, source));
  return { index: found.index, receipt: formatReceipt({ index: found.index, proof, checkpoint: checkpoint.note }) };
}

async function currentSize(db: Database): Promise<number> {
  return (await latestCheckpoint(db))?.treeSize ?? 0;
}

/** The inclusion proof of leaf `index` in the tree of `treeSize` (≤ the latest checkpoint's). */
export async function inclusionProofFor(db: Database, index: number, treeSize: number) {
  const size = await currentSize(db);
  if (treeSize > size) throw createProofOutOfRangeError(`The log's latest checkpoint has ${size} entries.`);
  if (index >= treeSize) throw createProofOutOfRangeError(`Leaf ${index} is not in a tree of ${treeSize}.`);
  return computeOnStoredHashes(db, (source) => ({
    proof: inclusionProof(index, treeSize, source),
    rootHash: treeRoot(treeSize, source),
  }));
}

/** The proof that the tree of `from` leaves is a prefix of the tree of `to` (≤ the latest). */
export async function consistencyProofFor(db: Database, from: number, to: number) {
  const size = await currentSize(db);
  if (to > size) throw createProofOutOfRangeError(`The log's latest checkpoint has ${size} entries.`);
  if (from > to) throw createProofOutOfRangeError('The older tree must not be larger than the newer one.');
  return computeOnStoredHashes(db, (source) => ({
    proof: consistencyProof(from, to, source),
    fromRoot: treeRoot(from, source),
    toRoot: treeRoot(to, source),
  }));
}

/** A tile's bytes, or null while the signed tree is too small to hold it. */
export async function readTile(db: Database, tile: TileRef): Promise<Uint8Array | null> {
  if (leavesNeededFor(tile) > (await currentSize(db))) return null;
  const repository = createTransparencyLogRepository({ db });
  const [first] = tileHashCoordinates(tile);
  if (!first) return null;
  if (tile.level === 'entries') return encodeEntryBundle(await repository.readEntries(first.index, tile.width));
  const hashes = await repository.readHashRange(first.level, first.index, tile.width);
  if (hashes.length !== tile.width) throw new Error(`tile ${tile.level}/${tile.index} is missing stored hashes`);
  return Buffer.concat(hashes);
}
