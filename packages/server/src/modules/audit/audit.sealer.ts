import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { enqueueLogEntry } from '../transparency-log/index.ts';
import { anchorSourceId, auditHeadEntry } from './audit.anchor.ts';
import { computeSealHash, GENESIS_HASH } from './audit.chain.ts';
import { createAuditRepository } from './audit.repository.ts';

const BATCH_SIZE = 500;

/**
 * Seals committed audit rows into the hash chain, oldest first, in batches. Writers never touch
 * the chain, so thousands of concurrent changes do not queue behind one head row; only this job
 * does, and an advisory lock keeps two nodes from sealing at once (the loser simply skips).
 * Rows are chained in sealing order (seal_seq), which may differ from id order when a
 * transaction with a lower id commits late: it is then sealed in a later batch. Each batch's new
 * head is queued for the public transparency log in the same transaction (audit.anchor.ts), so
 * the chain cannot later be recomputed or cut short unseen.
 */
export async function sealAuditLog({ db }: { db: Database }): Promise<{ sealed: number }> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction(async (tx) => {
      const repository = createAuditRepository({ db: tx });
      if (!(await repository.tryLockSealing())) return 0;
      const head = await repository.findChainHead();
      let prevHash = head?.hash ?? GENESIS_HASH;
      let sealSeq = head?.sealSeq ?? 0;
      const rows = await repository.listUnsealed(BATCH_SIZE);
      const seals = rows.map((row) => {
        sealSeq += 1;
        const seal = { id: row.id, sealSeq, prevHash, hash: computeSealHash(prevHash, { ...row, sealSeq }) };
        prevHash = seal.hash;
        return seal;
      });
      await repository.sealMany(seals);
      const newHead = seals.at(-1);
      if (newHead) {
        const entry = auditHeadEntry({
          sealSeq: newHead.sealSeq,
          hash: newHead.hash,
          sealedAt: new Date().toISOString(),
        });
        await enqueueLogEntry(tx, { sourceId: anchorSourceId(newHead.sealSeq), entry });
      }
      return rows.length;
    });
    total += sealed;
    if (sealed < BATCH_SIZE) return { sealed: total };
  }
}

/** Start-up hook: seal on a timer; a failed round is logged and retried at the next tick. */
export async function startAuditSealer(ctx: AppContext): Promise<() => Promise<void>> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => sealAuditLog({ db: ctx.database.db }))
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'audit sealing failed'));
  }, ctx.config.AUDIT_SEAL_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
