import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is a database inside this process: two processes opening the same data folder would
 * corrupt it. A lock file holding the owner's pid refuses the second one (the server and the
 * CLI, or two servers) with a clear message; a lock left by a dead process is taken over.
 */
export function acquireEmbeddedLock(dataDir: string): () => void {
  const path = join(dataDir, 'epeople.lock');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(path, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${owner}. Stop it first (the CLI and the server cannot share the embedded database), or use PostgreSQL (DATABASE_URL).`,
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
