import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { sealAuditLog, verifyAuditChain } from '../modules/audit/index.ts';
import { openCliDatabase } from './open-cli-database.ts';

export function registerVerifyAuditCommand(program: Command): void {
  program
    .command('verify-audit')
    .description('Check the audit log hash chain; exit 1 and name the first broken row if it does not hold')
    .option('--seal', 'seal rows not yet sealed before checking')
    .action(async (options: { seal?: boolean }) => {
      const database = await openCliDatabase(loadConfig());
      try {
        if (options.seal) await sealAuditLog({ db: database.db });
        const report = await verifyAuditChain({ db: database.db });
        if (report.ok) {
          console.log(`Audit chain intact: ${report.checked} sealed rows, ${report.unsealed} awaiting seal.`);
          console.log(`Head hash: ${report.headHash}`);
        } else {
          const broken = report.firstBroken;
          console.error(
            `Audit chain BROKEN at row id ${broken?.id} (seal ${broken?.sealSeq}): ${broken?.reason}. ${report.checked} rows before it verify.`,
          );
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
}
