import { openAsBlob } from 'node:fs';
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { pendingMigrationCount } from '../db/migrate.ts';
import { copyFiles } from './backup.files.ts';
import { DATABASE_FILE } from './backup.make.ts';
import { type BackupManifest, readManifest, sha256OfFile } from './backup.manifest.ts';
import type { Progress } from './backup.progress.ts';

/**
 * Restores a backup made by `makeBackup` into DATA_DIR, which must be new or empty: a restore
 * never writes over data. Every file is checked against the manifest before anything is
 * written; the database is then unpacked into DATA_DIR/pglite and opened once to prove it
 * starts, and the attachments, keys and app-secret are copied beside it.
 */
export async function restoreBackup({
  config,
  from,
  progress,
}: {
  config: Config;
  from: string;
  progress: Progress;
}): Promise<{ manifest: BackupManifest; pendingMigrations: number }> {
  if (!config.isEmbeddedDatabase) {
    throw new Error(
      'this command restores the embedded database; on PostgreSQL use pg_restore (docs/backup-and-restore.md)',
    );
  }
  const manifest = await readManifest(from);
  await checkFiles(from, manifest, progress);
  await mkdir(config.DATA_DIR, { recursive: true, mode: 0o700 });
  await chmod(config.DATA_DIR, 0o700);
  if ((await readdir(config.DATA_DIR)).length > 0) {
    throw new Error(`DATA_DIR ${config.DATA_DIR} is not empty: restore only into a new data folder`);
  }

  const step = progress.step('database', 1, 'files');
  const database = await openDatabase({
    dataDir: config.DATA_DIR,
    loadDataDir: await openAsBlob(join(from, DATABASE_FILE)),
  });
  let pendingMigrations: number;
  try {
    // Opening it proves the dump unpacks and starts; a backup from an older release has
    // migrations the server will apply at its first start.
    pendingMigrations = await pendingMigrationCount(database);
  } finally {
    await database.close();
  }
  step.advance(1);
  step.done();

  const others = manifest.files.map((file) => file.path).filter((path) => path !== DATABASE_FILE);
  await copyFiles(from, config.DATA_DIR, others, progress.step('files', others.length, 'files'));
  return { manifest, pendingMigrations };
}

async function checkFiles(from: string, manifest: BackupManifest, progress: Progress): Promise<void> {
  if (!manifest.files.some((file) => file.path === DATABASE_FILE))
    throw new Error(`the backup has no ${DATABASE_FILE}`);
  const step = progress.step('checking', manifest.files.length, 'files');
  for (const file of manifest.files) {
    const path = join(from, file.path);
    const bytes = await stat(path).then(
      (stats) => stats.size,
      () => undefined,
    );
    if (bytes === undefined) throw new Error(`the backup is incomplete: ${file.path} is missing`);
    if (bytes !== file.bytes || (await sha256OfFile(path)) !== file.sha256) {
      throw new Error(`the backup is damaged: ${file.path} is not the file the manifest names`);
    }
    step.advance(1);
  }
  step.done();
}
