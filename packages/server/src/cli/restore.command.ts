import type { Command } from 'commander';
import { restoreBackup } from '../backup/backup.restore.ts';
import { loadConfig } from '../config.ts';
import { consoleProgress } from './progress.ts';

/** `npm run cli -- restore <folder>`: a backup made by `backup` into a new DATA_DIR. */
export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .argument('<folder>', 'a folder written by the backup command')
    .description('Restore a backup of the embedded database, attachments and keys into a new, empty DATA_DIR')
    .action(async (folder: string) => {
      const config = loadConfig();
      const { manifest, pendingMigrations } = await restoreBackup({
        config,
        from: folder,
        progress: consoleProgress(),
      });
      console.log(`Restored the backup of ${manifest.createdAt} into ${config.DATA_DIR}.`);
      if (pendingMigrations > 0)
        console.log(`The server will apply ${pendingMigrations} migrations at its first start.`);
      console.log(
        manifest.appSecretIncluded
          ? 'APP_SECRET: the backup’s DATA_DIR/app-secret was restored; start without APP_SECRET set.'
          : 'APP_SECRET: start the server with the APP_SECRET kept with this backup; under another one it refuses to start.',
      );
    });
}
