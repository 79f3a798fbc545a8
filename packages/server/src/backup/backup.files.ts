import type { Dirent } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { sha256OfFile } from './backup.manifest.ts';
import type { ProgressStep } from './backup.progress.ts';

/** Every regular file under `root`, relative to it; none when `root` does not exist. */
export async function listFiles(root: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Copies files from one folder to another (folders 0700, files 0600: attachments and keys are
 * personal data and secrets) and answers each copy's size and SHA-256, hashed from the copy.
 */
export async function copyFiles(
  from: string,
  to: string,
  files: string[],
  progress: ProgressStep,
): Promise<Array<{ path: string; bytes: number; sha256: string }>> {
  const copied: Array<{ path: string; bytes: number; sha256: string }> = [];
  for (const file of files) {
    const target = join(to, file);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(join(from, file), target);
    await chmod(target, 0o600);
    const { size } = await stat(target);
    copied.push({ path: file, bytes: size, sha256: await sha256OfFile(target) });
    progress.advance(1);
  }
  progress.done();
  return copied;
}
