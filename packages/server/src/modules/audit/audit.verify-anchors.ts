import type { Database } from '../../db/client.ts';
import { checkStoredLog, type NoteVerifier, type StoredLogProblem } from '../transparency-log/index.ts';
import { type AuditHead, parseAuditHeadEntry } from './audit.anchor.ts';
import { createAuditRepository } from './audit.repository.ts';

export interface AuditAnchorReport {
  ok: boolean;
  /** Heads of the chain found in the transparency log. */
  anchors: number;
  /** The newest anchored place in the chain (0 with none). */
  lastAnchoredSeq: number;
  /** The transparency log's own problems: a log that does not hold proves nothing. */
  logProblems: StoredLogProblem[];
  /** The first anchored head the audit log no longer matches. */
  firstMismatch?: { sealSeq: number; reason: 'rewritten' | 'truncated' };
}

/**
 * Checks the audit chain against its heads in the public transparency log (audit.anchor.ts):
 * the log must hold against its signed checkpoint (and a checkpoint kept elsewhere, if given),
 * and every anchored head must still be in the audit log with the same hash. A row edited and
 * its chain recomputed changes every later head ('rewritten'); a tail cut off loses an anchored
 * head ('truncated'). Rows sealed after the last anchor are covered once the next one is logged.
 */
export async function verifyAuditAnchors({
  db,
  verifier,
  trustedCheckpoint,
}: {
  db: Database;
  verifier: NoteVerifier;
  trustedCheckpoint?: string | undefined;
}): Promise<AuditAnchorReport> {
  const heads: AuditHead[] = [];
  const log = await checkStoredLog({
    db,
    verifier,
    trustedCheckpoint,
    onEntry: (_index, entry) => {
      const head = parseAuditHeadEntry(entry);
      if (head) heads.push(head);
    },
  });
  const repository = createAuditRepository({ db });
  let firstMismatch: AuditAnchorReport['firstMismatch'];
  for (const head of heads.sort((a, b) => a.sealSeq - b.sealSeq)) {
    const hash = await repository.findSealHash(head.sealSeq);
    if (hash === head.hash) continue;
    firstMismatch = { sealSeq: head.sealSeq, reason: hash === null ? 'truncated' : 'rewritten' };
    break;
  }
  return {
    ok: log.ok && !firstMismatch,
    anchors: heads.length,
    lastAnchoredSeq: heads.at(-1)?.sealSeq ?? 0,
    logProblems: log.problems,
    ...(firstMismatch ? { firstMismatch } : {}),
  };
}
