import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

/** The embedded database's settings (client.ts): smaller shared buffers, PGlite's own defaults kept. */
describe('the embedded database', () => {
  it('runs with 32 MB of shared buffers, keeps PGlite defaults and leaves postgresql.conf as initdb wrote it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'epeople-client-'));
    try {
      const database = await openDatabase({ dataDir });
      const settings = await database.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings
          WHERE name IN ('shared_buffers', 'search_path', 'max_worker_processes', 'TimeZone') ORDER BY name`,
      );
      await database.close();
      expect(settings.rows).toEqual([
        { name: 'TimeZone', setting: 'UTC', unit: null },
        { name: 'max_worker_processes', setting: '0', unit: null },
        { name: 'search_path', setting: 'public', unit: null },
        { name: 'shared_buffers', setting: '4096', unit: '8kB' },
      ]);
      const conf = await readFile(join(dataDir, 'pglite', 'postgresql.conf'), 'utf8');
      expect(conf).toContain('max_connections');
      expect(conf).not.toMatch(/^shared_buffers = 32MB/m);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // initdb on an empty folder: 4-14 s alone, more on a loaded two-core machine.
  }, 120_000);
});
