import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * manifest.json, written last into a backup folder: what it holds and each file's SHA-256, so
 * `restore` refuses a backup that is incomplete or was changed (docs/backup-and-restore.md).
 */
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'epeople-embedded-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** Whether a running server made the database dump, or the command opened the stopped database. */
  databaseFrom: 'running server' | 'stopped database';
  /** Whether DATA_DIR/app-secret is in the backup; if not, APP_SECRET must be kept beside it. */
  appSecretIncluded: boolean;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(folder: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new Error(
      `${folder} holds no readable ${MANIFEST_FILE}: not a finished backup (${(error as Error).message})`,
    );
  }
  if (manifest.format !== BACKUP_FORMAT) {
    throw new Error(`${folder} is not an ePeople embedded backup (format ${String(manifest.format)})`);
  }
  for (const file of manifest.files) {
    if (file.path.startsWith('/') || file.path.split('/').includes('..')) {
      throw new Error(`the manifest names a path outside the backup: ${file.path}`);
    }
  }
  return manifest;
}
