import type { Database } from '../../db/client.ts';
import { parseCheckpoint } from './tlog.checkpoint.ts';
import { EMPTY_TREE_ROOT, leafHash, nodeHash } from './tlog.merkle.ts';
import { equalHashes } from './tlog.merkle-verify.ts';
import { createTransparencyLogRepository } from './tlog.repository.ts';
import { type NoteVerifier, openNote } from './tlog.signed-note.ts';

export type StoredLogProblem =
  /** The latest checkpoint is not signed by the given key, or is not this log's. */
  | 'checkpoint_signature'
  /** Fewer stored entries than the checkpoint signs. */
  | 'entries_missing'
  /** The stored entries do not hash to the signed root: an entry was changed. */
  | 'root_mismatch'
  /** The trusted checkpoint kept elsewhere is not signed by the given key. */
  | 'trusted_checkpoint_signature'
  /** The log is smaller than a checkpoint it once signed: it was cut back. */
  | 'log_shrank'
  /** The log's first entries no longer hash to the trusted checkpoint's root: it was rewritten. */
  | 'log_rewritten';

export interface StoredLogReport {
  ok: boolean;
  /** The size the latest checkpoint signs (0 with no checkpoint). */
  size: number;
  problems: StoredLogProblem[];
}

const PAGE = 1000;

/**
 * Checks the log as stored against what it signed, entry by entry: the latest checkpoint's
 * signature, that the stored entries hash to its root, and, with a checkpoint kept outside the
 * database (a mirror's, a witness's, one saved by an operator), that the log still extends it.
 * Every entry is handed to `onEntry` in order, so a caller (the audit check) reads the log once.
 * Memory: the Merkle frontier only (O(log n) hashes), whatever the size.
 */
export async function checkStoredLog({
  db,
  verifier,
  trustedCheckpoint,
  onEntry,
}: {
  db: Database;
  verifier: NoteVerifier;
  trustedCheckpoint?: string | undefined;
  onEntry?: (index: number, entry: Uint8Array) => void;
}): Promise<StoredLogReport> {
  const repository = createTransparencyLogRepository({ db });
  const problems: StoredLogProblem[] = [];
  const latest = await repository.latestCheckpoint();
  if (!latest) return { ok: true, size: 0, problems };
  let signed: ReturnType<typeof parseCheckpoint>;
  try {
    signed = parseCheckpoint(openNote(latest.note, verifier));
  } catch {
    return { ok: false, size: latest.treeSize, problems: ['checkpoint_signature'] };
  }
  let trusted: ReturnType<typeof parseCheckpoint> | undefined;
  if (trustedCheckpoint !== undefined) {
    try {
      trusted = parseCheckpoint(openNote(trustedCheckpoint, verifier));
    } catch {
      problems.push('trusted_checkpoint_signature');
    }
  }
  if (trusted && trusted.size > signed.size) problems.push('log_shrank');

  const frontier = createFrontier();
  for (let start = 0; start < signed.size; start += PAGE) {
    const entries = await repository.readEntries(start, Math.min(PAGE, signed.size - start));
    entries.forEach((entry, offset) => {
      if (trusted && frontier.size === trusted.size && !equalHashes(frontier.root(), trusted.root)) {
        problems.push('log_rewritten');
      }
      frontier.append(leafHash(entry));
      onEntry?.(start + offset, entry);
    });
    if (entries.length < Math.min(PAGE, signed.size - start)) {
      problems.push('entries_missing');
      break;
    }
  }
  if (trusted && frontier.size === trusted.size && !equalHashes(frontier.root(), trusted.root)) {
    problems.push('log_rewritten');
  }
  if (!problems.includes('entries_missing') && !equalHashes(frontier.root(), signed.root))
    problems.push('root_mismatch');
  return { ok: problems.length === 0, size: signed.size, problems: [...new Set(problems)] };
}

/**
 * The root of a growing tree from its frontier: the perfect subtrees that cover the leaves so far,
 * largest first. Appending merges equal-sized neighbours; the root folds them right to left
 * (RFC 9162 §2.1.1: a tree splits at the largest power of two below its size).
 */
function createFrontier() {
  const subtrees: Array<{ leaves: number; hash: Uint8Array }> = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    append(hash: Uint8Array): void {
      let node = { leaves: 1, hash };
      for (let last = subtrees.at(-1); last && last.leaves === node.leaves; last = subtrees.at(-1)) {
        subtrees.pop();
        node = { leaves: last.leaves * 2, hash: nodeHash(last.hash, node.hash) };
      }
      subtrees.push(node);
      size += 1;
    },
    root(): Uint8Array {
      let hash = subtrees.at(-1)?.hash;
      if (!hash) return EMPTY_TREE_ROOT;
      for (let index = subtrees.length - 2; index >= 0; index--) hash = nodeHash(subtrees[index]!.hash, hash);
      return hash;
    },
  };
}
