import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type pino from 'pino';
import type { DatabaseHandle } from '../db/client.ts';

/**
 * The local backup channel of a server on the embedded database. PGlite lives inside the
 * server's process and two processes may never open one data folder (db/embedded-lock.ts), so
 * the `backup` command asks the running server for a consistent dump instead of reading the
 * folder itself. The channel is an HTTP server on a Unix socket inside DATA_DIR/admin (0700):
 * nothing listens on the network, and only the account that owns DATA_DIR, who can read the
 * data anyway, can connect. It answers one request (docs/backup-and-restore.md).
 */
export const DATABASE_DUMP_PATH = '/database.tar.gz';

export const backupSocketPath = (dataDir: string): string => join(dataDir, 'admin', 'backup.sock');

export async function startBackupChannel({
  database,
  dataDir,
  logger,
}: {
  database: DatabaseHandle;
  dataDir: string;
  logger: pino.Logger;
}): Promise<() => Promise<void>> {
  const dumpDataDir = database.dumpDataDir;
  if (!dumpDataDir) throw new Error('the backup channel serves the embedded database only');
  const folder = join(dataDir, 'admin');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const socketPath = backupSocketPath(dataDir);
  // A socket left by a server that died: this process holds the embedded lock, so it is no one's.
  await rm(socketPath, { force: true });

  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== DATABASE_DUMP_PATH) {
      response.writeHead(404).end();
      return;
    }
    const startedAt = performance.now();
    dumpDataDir().then(
      async (dump) => {
        response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': dump.size });
        response.end(Buffer.from(await dump.arrayBuffer()));
        logger.info(
          { bytes: dump.size, ms: Math.round(performance.now() - startedAt) },
          'backup: database dump handed to the backup command',
        );
      },
      (error: unknown) => {
        logger.error({ err: error }, 'backup: database dump failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`dump failed: ${(error as Error).message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o600);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(socketPath, { force: true });
  };
}
