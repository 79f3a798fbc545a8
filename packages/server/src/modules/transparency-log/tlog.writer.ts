import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { formatCheckpoint, parseCheckpoint } from './tlog.checkpoint.ts';
import { type LogKey, loadLogKey } from './tlog.key.ts';
import {
  consistencyProof,
  frontierOf,
  type HashSource,
  hashesReadBy,
  leafHash,
  storedHashesForAppend,
  treeRoot,
} from './tlog.merkle.ts';
import { equalHashes, verifyConsistency } from './tlog.merkle-verify.ts';
import { coordinateKey, createTransparencyLogRepository, type TransparencyLogRepository } from './tlog.repository.ts';
import { openNote, signNote } from './tlog.signed-note.ts';

/** Entries appended (and one checkpoint signed) per transaction. */
const BATCH_SIZE = 1000;

/** The stored state disagrees with what the log signed: the writer stops rather than sign. */
export class LogIntegrityError extends Error {
  override name = 'LogIntegrityError';
}

function sourceOf(hashes: Map<string, Uint8Array>): HashSource {
  return (level, index) => {
    const hash = hashes.get(coordinateKey(level, index));
    if (!hash) throw new LogIntegrityError(`the stored hash at level ${level}, index ${index} is missing`);
    return hash;
  };
}

/** The last signed tree, after checking its signature and that the stored rows agree with it. */
async function signedHead(repository: TransparencyLogRepository, key: LogKey) {
  const latest = await repository.latestCheckpoint();
  const entries = await repository.countEntries();
  if (!latest) {
    if (entries > 0) throw new LogIntegrityError('the log has entries but no signed checkpoint');
    return null;
  }
  const checkpoint = parseCheckpoint(openNote(latest.note, key.verifier));
  if (checkpoint.origin !== key.origin || checkpoint.size !== latest.treeSize) {
    throw new LogIntegrityError('the last checkpoint is not this log’s');
  }
  if (!equalHashes(checkpoint.root, latest.rootHash))
    throw new LogIntegrityError('the stored root is not the signed one');
  if (entries !== checkpoint.size) {
    throw new LogIntegrityError(`the log holds ${entries} entries but its last checkpoint signs ${checkpoint.size}`);
  }
  return checkpoint;
}

function signCheckpoint(key: LogKey, size: number, root: Uint8Array): string {
  return signNote(
    formatCheckpoint({ origin: key.origin, size, root, extensions: [] }),
    key.origin,
    key.privateKey,
    key.publicKey,
  );
}

/**
 * One batch, in one transaction under the writer lock: the queued entries in order become the
 * next leaves, their subtree hashes are stored, and a new checkpoint is signed — only after a
 * consistency proof from the last signed checkpoint to the new tree verifies (built from the
 * stored hashes, so altered rows stop the log instead of forking it). The very first batch
 * signs the empty tree, so a checkpoint exists from the first start.
 */
async function appendOneBatch(db: Database, key: LogKey): Promise<{ appended: number; treeSize: number }> {
  return db.transaction(async (tx) => {
    const repository = createTransparencyLogRepository({ db: tx });
    await repository.lockWriter();
    const head = await signedHead(repository, key);
    const oldSize = head?.size ?? 0;
    const pending = await repository.takePending(BATCH_SIZE);
    if (head && pending.length === 0) return { appended: 0, treeSize: oldSize };

    const leafHashes = pending.map((item) => leafHash(item.entry));
    const stored = await repository.readHashes(frontierOf(oldSize));
    const created = storedHashesForAppend(oldSize, leafHashes, sourceOf(stored));
    for (const item of created) stored.set(coordinateKey(item.level, item.index), item.hash);
    const newSize = oldSize + pending.length;
    const newRoot = treeRoot(newSize, sourceOf(stored));

    if (head) {
      const needed = hashesReadBy((source) => consistencyProof(oldSize, newSize, source)).filter(
        (c) => !stored.has(coordinateKey(c.level, c.index)),
      );
      for (const [k, hash] of await repository.readHashes(needed)) stored.set(k, hash);
      const proof = consistencyProof(oldSize, newSize, sourceOf(stored));
      if (!verifyConsistency(oldSize, newSize, proof, head.root, newRoot)) {
        throw new LogIntegrityError(`the tree of ${newSize} would not extend the signed tree of ${oldSize}`);
      }
    }

    await repository.appendBatch(oldSize, pending, created);
    await repository.insertCheckpoint(newSize, newRoot, signCheckpoint(key, newSize, newRoot));
    return { appended: pending.length, treeSize: newSize };
  });
}

/** Appends everything queued now, a batch at a time; answers how many and the tree size after. */
export async function flushLog(
  ctx: Pick<AppContext, 'config' | 'database'>,
): Promise<{ appended: number; treeSize: number }> {
  const key = await loadLogKey(ctx.config);
  let appended = 0;
  for (;;) {
    const batch = await appendOneBatch(ctx.database.db, key);
    appended += batch.appended;
    if (batch.appended < BATCH_SIZE) return { appended, treeSize: batch.treeSize };
  }
}

/**
 * Start-up hook: the one writer. Loads the key first (a missing or wrong key stops the start),
 * then appends queued entries every LOG_BATCH_INTERVAL_MS; a failed round is logged and retried.
 * Nodes take turns through the advisory lock, so the tree never forks.
 */
export async function startTransparencyLog(ctx: AppContext): Promise<() => Promise<void>> {
  await loadLogKey(ctx.config);
  const runOnce = () =>
    flushLog(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'transparency log append failed'));
  let running: Promise<unknown> = runOnce();
  const timer = setInterval(() => {
    running = running.then(runOnce);
  }, ctx.config.LOG_BATCH_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
