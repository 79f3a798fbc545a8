import { chmod, mkdir, rm } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
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

  // Never throws: a failed dump or a backup command gone mid-transfer is logged, not fatal.
  const sendDump = async (response: ServerResponse): Promise<void> => {
    const startedAt = performance.now();
    try {
      const dump = await dumpDataDir();
      // The database is free again: only the tarball, already in memory, remains to send.
      response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': dump.size });
      await pipeline(Readable.fromWeb(dump.stream() as NodeReadableStream<Uint8Array>), response);
      logger.info(
        { bytes: dump.size, ms: Math.round(performance.now() - startedAt) },
        'backup: database dump handed to the backup command',
      );
    } catch (error) {
      logger.error({ err: error }, 'backup: database dump failed');
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'content-type': 'text/plain' }).end(`dump failed: ${(error as Error).message}\n`);
    }
  };

  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== DATABASE_DUMP_PATH) {
      response.writeHead(404).end();
      return;
    }
    void sendDump(response);
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
