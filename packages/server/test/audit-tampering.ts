import type { DatabaseHandle } from '../src/db/client.ts';
import { computeSealHash, GENESIS_HASH } from '../src/modules/audit/audit.chain.ts';
import { createAuditRepository } from '../src/modules/audit/index.ts';

/**
 * What an administrator of the database can do to the audit log, for the tests that must catch
 * it: bypass the append-only guard, change rows, and recompute every seal from the first changed
 * row on, so that the chain alone verifies again (the algorithm is public).
 */
export async function tamperWithAuditLog(
  database: DatabaseHandle,
  tamper: (database: DatabaseHandle) => Promise<void>,
): Promise<void> {
  await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    await tamper(database);
    const chain = await createAuditRepository({ db: database.db }).listSealed(0, 1_000_000);
    let prevHash = GENESIS_HASH;
    for (const row of chain) {
      const hash = computeSealHash(prevHash, row);
      if (row.prevHash !== prevHash || row.hash !== hash) {
        await database.query('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seal_seq = $3', [
          prevHash,
          hash,
          row.sealSeq,
        ]);
      }
      prevHash = hash;
    }
  } finally {
    await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}
