import type { Command } from 'commander';
import { makeBackup } from '../backup/backup.make.ts';
import { loadConfig } from '../config.ts';
import { consoleProgress } from './progress.ts';

/**
 * `npm run cli -- backup --out <folder>`: a consistent copy of an installation on the embedded
 * database, made while the server runs (it dumps its database over a local socket) or while it
 * is stopped. PostgreSQL installations use pg_dump (docs/backup-and-restore.md).
 */
export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description(
      'Back up the embedded database, attachments and keys of DATA_DIR into a new folder (server running or not)',
    )
    .requiredOption('--out <folder>', 'a new or empty folder to write the backup into')
    .addHelpText(
      'after',
      '\nKeep APP_SECRET with the backup: the server refuses to start on data restored under another secret.',
    )
    .action(async (options: { out: string }) => {
      const config = loadConfig();
      const startedAt = performance.now();
      const { manifest, warnings } = await makeBackup({ config, out: options.out, progress: consoleProgress() });
      const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
      console.log(
        `Backup written to ${options.out}: ${manifest.files.length} files, ${bytes} bytes, database from the ${manifest.databaseFrom}, in ${Math.round(performance.now() - startedAt)} ms.`,
      );
      for (const warning of warnings) console.warn(`Warning: ${warning}`);
    });
}
