import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProductionKeyFiles } from '../test/production-keys.ts';
import { freePort, startNodeProcess } from './bench-processes.ts';

export interface ProductionServer {
  base: string;
  pid: number;
  /** Stops the server (SIGTERM) and removes its key and data folders. */
  stop(): Promise<void>;
}

/**
 * An ePeople node as production runs it, for a bench: NODE_ENV=production on the given
 * PostgreSQL database, a fresh APP_SECRET, signing and log keys, and its own data folder, all
 * removed by stop(). Production refuses to start without a public URL and keys
 * (docs/operations.md). `readyPath` is where start-up is awaited: /api/ready, or /api/health for
 * a node whose every request is refused on purpose.
 */
export async function startProductionServer({
  main,
  databaseUrl,
  env = {},
  readyPath = '/api/ready',
}: {
  main: string;
  databaseUrl: string;
  env?: Record<string, string>;
  readyPath?: string;
}): Promise<ProductionServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const keysDir = await mkdtemp(join(tmpdir(), 'epeople-bench-keys-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-data-'));
  const removeFolders = async () => {
    await rm(keysDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const server = await startNodeProcess(
      main,
      {
        NODE_ENV: 'production',
        PUBLIC_URL: base,
        APP_SECRET: randomBytes(32).toString('base64url'),
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        DATA_DIR: dataDir,
        ...(await writeProductionKeyFiles(keysDir)),
        ...env,
      },
      `${base}${readyPath}`,
    );
    return {
      base,
      pid: server.child.pid ?? 0,
      stop: async () => {
        await server.stop();
        await removeFolders();
      },
    };
  } catch (error) {
    await removeFolders();
    throw error;
  }
}
