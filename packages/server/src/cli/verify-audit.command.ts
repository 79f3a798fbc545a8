import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { sealAuditLog, verifyAuditAnchors, verifyAuditChain } from '../modules/audit/index.ts';
import { logVerifierKey, parseVerifierKey } from '../modules/transparency-log/index.ts';
import { openCliDatabase } from './open-cli-database.ts';

export function registerVerifyAuditCommand(program: Command): void {
  program
    .command('verify-audit')
    .description(
      'Check the audit log hash chain and its heads anchored in the transparency log; exit 1 and say where it does not hold',
    )
    .option('--seal', 'seal rows not yet sealed before checking')
    .option(
      '--log-key <verifier-key>',
      'the published verifier key of the transparency log (GET /log/verifier-key); default: this configuration’s key',
    )
    .option(
      '--checkpoint <file>',
      'a signed checkpoint kept outside this database (GET /log/checkpoint saved earlier, or a mirror’s): the log must still extend it',
    )
    .action(async (options: { seal?: boolean; logKey?: string; checkpoint?: string }) => {
      const config = loadConfig();
      const verifier = parseVerifierKey(options.logKey ?? (await logVerifierKey({ config })));
      const trustedCheckpoint = options.checkpoint ? await readFile(options.checkpoint, 'utf8') : undefined;
      const database = await openCliDatabase(config);
      try {
        if (options.seal) await sealAuditLog({ db: database.db });
        const chain = await verifyAuditChain({ db: database.db });
        if (chain.ok) {
          console.log(`Audit chain intact: ${chain.checked} sealed rows, ${chain.unsealed} awaiting seal.`);
          console.log(`Head hash: ${chain.headHash}`);
        } else {
          const broken = chain.firstBroken;
          console.error(
            `Audit chain BROKEN at row id ${broken?.id} (seal ${broken?.sealSeq}): ${broken?.reason}. ${chain.checked} rows before it verify.`,
          );
        }
        const anchors = await verifyAuditAnchors({ db: database.db, verifier, trustedCheckpoint });
        if (anchors.logProblems.length > 0) {
          console.error(`Transparency log does NOT hold: ${anchors.logProblems.join(', ')}.`);
        }
        if (anchors.firstMismatch) {
          console.error(
            `Audit chain ${anchors.firstMismatch.reason.toUpperCase()} at seal ${anchors.firstMismatch.sealSeq}: the head anchored in the transparency log is no longer in the audit log.`,
          );
        }
        if (anchors.ok) {
          console.log(
            `Anchored: ${anchors.anchors} heads in the transparency log, the last at seal ${anchors.lastAnchoredSeq}; ${Math.max(0, chain.checked - anchors.lastAnchoredSeq)} sealed rows after it.`,
          );
        }
        if (!chain.ok || !anchors.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
