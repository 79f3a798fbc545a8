import type { Database } from '../../db/client.ts';
import { computeSealHash, GENESIS_HASH } from './audit.chain.ts';
import { createAuditRepository } from './audit.repository.ts';

export interface AuditChainReport {
  ok: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** Committed rows the sealer has not reached yet (not covered by the chain). */
  unsealed: number;
  /** The hash of the last sealed row: record it elsewhere to detect a truncated tail later. */
  headHash: string;
  firstBroken?: { id: number; sealSeq: number; reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap' };
}

/** Walks the chain from the first seal and names the first row whose seal does not hold. */
export async function verifyAuditChain({ db }: { db: Database }): Promise<AuditChainReport> {
  const repository = createAuditRepository({ db });
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await repository.listSealed(expectedSeq - 1, 1000);
    if (page.length === 0) break;
    for (const row of page) {
      const broken = (reason: 'hash_mismatch' | 'broken_link' | 'sequence_gap'): AuditChainReport => ({
        ok: false,
        checked,
        unsealed: 0,
        headHash: prevHash,
        firstBroken: { id: row.id, sealSeq: row.sealSeq, reason },
      });
      if (row.sealSeq !== expectedSeq) return withUnsealed(broken('sequence_gap'));
      if (row.prevHash !== prevHash) return withUnsealed(broken('broken_link'));
      if (computeSealHash(prevHash, row) !== row.hash) return withUnsealed(broken('hash_mismatch'));
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  return withUnsealed({ ok: true, checked, unsealed: 0, headHash: prevHash });

  async function withUnsealed(report: AuditChainReport): Promise<AuditChainReport> {
    return { ...report, unsealed: await repository.countUnsealed() };
  }
}
