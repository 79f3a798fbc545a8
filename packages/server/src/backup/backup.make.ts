import { access, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { fetchDumpFromRunningServer } from './backup.client.ts';
import { copyFiles, listFiles } from './backup.files.ts';
import { BACKUP_FORMAT, type BackupManifest, sha256OfFile, writeManifest } from './backup.manifest.ts';
import type { Progress } from './backup.progress.ts';

export const DATABASE_FILE = 'database.tar.gz';

/** Key files configured outside DATA_DIR: the operator keeps them (and HSM keys never leave it). */
const KEY_FILE_SETTINGS = [
  'LOG_PRIVATE_KEY_FILE',
  'SIGNING_KEY_FILE',
  'SIGNING_CERT_FILE',
  'SIGNING_P12_FILE',
  'SIGNING_TRUST_ANCHORS_FILE',
] as const;

export interface BackupResult {
  manifest: BackupManifest;
  /** What the operator must keep beside the backup, or back up another way. */
  warnings: string[];
}

/**
 * Backs up an installation on the embedded database into a new folder `out`: the database
 * first (from the running server when there is one, docs/backup-and-restore.md), then the
 * attachments, which are written before the rows that name them and never changed, so every
 * file the dumped database names is already there; then DATA_DIR/keys and DATA_DIR/app-secret.
 * manifest.json, written last, marks the backup complete.
 */
export async function makeBackup({
  config,
  out,
  progress,
}: {
  config: Config;
  out: string;
  progress: Progress;
}): Promise<BackupResult> {
  if (!config.isEmbeddedDatabase) {
    throw new Error(
      'this command backs up the embedded database; on PostgreSQL use pg_dump -Fc (docs/backup-and-restore.md)',
    );
  }
  await createEmptyFolder(out);
  try {
    return await writeBackup(config, out, progress);
  } catch (error) {
    // The folder was empty: what is in it now is this unfinished backup.
    await rm(out, { recursive: true, force: true });
    throw error;
  }
}

async function writeBackup(config: Config, out: string, progress: Progress): Promise<BackupResult> {
  const warnings: string[] = [];

  const databaseFile = join(out, DATABASE_FILE);
  const fromServer = await fetchDumpFromRunningServer({ dataDir: config.DATA_DIR, target: databaseFile, progress });
  if (!fromServer) await dumpStoppedDatabase(config.DATA_DIR, databaseFile, progress);
  const files: BackupManifest['files'] = [
    { path: DATABASE_FILE, bytes: (await stat(databaseFile)).size, sha256: await sha256OfFile(databaseFile) },
  ];

  if (config.S3_BUCKET) {
    warnings.push(
      `Attachments are in the S3 bucket ${config.S3_BUCKET}, not in this backup: back up the bucket after this backup (docs/backup-and-restore.md).`,
    );
  } else {
    // A `.tmp` file is an upload being written; its row is not in the dump.
    const names = (await listFiles(join(config.DATA_DIR, 'attachments'))).filter((name) => !name.endsWith('.tmp'));
    files.push(...(await copyTree(config.DATA_DIR, out, 'attachments', names, progress)));
  }
  files.push(
    ...(await copyTree(config.DATA_DIR, out, 'keys', await listFiles(join(config.DATA_DIR, 'keys')), progress)),
  );

  const appSecretIncluded = !config.APP_SECRET && (await exists(join(config.DATA_DIR, 'app-secret')));
  if (appSecretIncluded) {
    files.push(...(await copyTree(config.DATA_DIR, out, '', ['app-secret'], progress)));
    warnings.push(
      'APP_SECRET: this backup holds DATA_DIR/app-secret, the key to its access codes and second factors: guard the backup like the data folder.',
    );
  } else {
    warnings.push(
      'APP_SECRET is NOT in this backup: keep it with the backup. Restored under another APP_SECRET, the server refuses to start, and no access code could ever be checked again.',
    );
  }
  for (const setting of KEY_FILE_SETTINGS) {
    if (config[setting])
      warnings.push(`${setting} (${config[setting]}) is not in this backup: keep it with the backup.`);
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    databaseFrom: fromServer ? 'running server' : 'stopped database',
    appSecretIncluded,
    files,
  };
  await writeManifest(out, manifest);
  return { manifest, warnings };
}

/** No server runs: open the data folder (taking its lock, so none starts meanwhile) and dump it. */
async function dumpStoppedDatabase(dataDir: string, target: string, progress: Progress): Promise<void> {
  if (!(await exists(join(dataDir, 'pglite', 'PG_VERSION')))) {
    throw new Error(`no embedded database in ${dataDir} (set DATA_DIR to the server's data folder)`);
  }
  const database = await openDatabase({ dataDir });
  try {
    if (!database.dumpDataDir) throw new Error('the embedded database cannot be dumped');
    const dump = await database.dumpDataDir();
    const step = progress.step('database', dump.size, 'bytes');
    await writeFile(target, Buffer.from(await dump.arrayBuffer()), { flag: 'wx', mode: 0o600 });
    step.advance(dump.size);
    step.done();
  } finally {
    await database.close();
  }
}

async function copyTree(
  dataDir: string,
  out: string,
  folder: string,
  names: string[],
  progress: Progress,
): Promise<BackupManifest['files']> {
  const step = progress.step(folder || 'app-secret', names.length, 'files');
  const copied = await copyFiles(join(dataDir, folder), join(out, folder), names, step);
  return copied.map((file) => ({ ...file, path: folder ? `${folder}/${file.path}` : file.path }));
}

async function createEmptyFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  if ((await readdir(path)).length > 0) throw new Error(`${path} is not empty: a backup goes into a new folder`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
