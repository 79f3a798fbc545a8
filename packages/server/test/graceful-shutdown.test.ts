import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { openTestDatabase } from './test-context.ts';

describe('graceful shutdown', () => {
  it('finishes the request in flight, then refuses new connections and closes the database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'epeople-shutdown-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_MODE: 'false',
    });
    const database = await openTestDatabase();
    let releaseSlow: () => void = () => {};
    const server = await startServer(config, {
      database,
      extend: (app) =>
        app.get('/api/test/slow', async () => {
          await new Promise<void>((resolve) => {
            releaseSlow = resolve;
          });
          return { finished: true };
        }),
    });
    const address = server.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const inFlight = fetch(`${base}/api/test/slow`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = server.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    releaseSlow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    await expect(database.query('SELECT 1')).rejects.toThrow();
    await rm(dataDir, { recursive: true, force: true });
  });
});
