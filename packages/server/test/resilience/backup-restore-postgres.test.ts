import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { withDatabase } from '../global-setup.ts';
import {
  expectAnswerRestored,
  expectCasesRestored,
  expectLogRestored,
  fillInstallation,
  type InstallationRecord,
  runMain,
  serverEnv,
} from './installation-data.ts';

const run = promisify(execFile);
/** The PostgreSQL server the suite uses, else the local one (.ci/run starts it). */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The procedure docs/backup-and-restore.md gives for PostgreSQL, followed step by step: while the
 * server runs, `pg_dump -Fc` of its database, then a copy of the attachments and keys; then
 * `pg_restore` into a new database, and a server on it finds every case, attachment, answer and
 * log entry. Under another APP_SECRET it refuses to start.
 */
describe('backup and restore on PostgreSQL: pg_dump -Fc, then pg_restore into a new database', () => {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
  const sourceName = `epeople_backup_${suffix}`;
  const targetName = `epeople_restored_${suffix}`;
  const appSecret = randomBytes(32).toString('base64url');
  let admin: pg.Client;
  let folder: string;
  let record: InstallationRecord;
  let dumpMs: number;
  const restoredEnv = () =>
    serverEnv({
      DATABASE_URL: withDatabase(SERVER_URL, targetName),
      DATA_DIR: join(folder, 'restored'),
      APP_SECRET: appSecret,
    });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: SERVER_URL });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `This test needs a PostgreSQL server (with pg_dump and pg_restore) at ${SERVER_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`,
      );
    }
    folder = await mkdtemp(join(tmpdir(), 'epeople-pg-backup-'));
    await admin.query(`CREATE DATABASE ${sourceName}`);
    const sourceUrl = withDatabase(SERVER_URL, sourceName);
    const originalDataDir = join(folder, 'original');
    const original: RunningServer = await startServer(
      loadConfig(serverEnv({ DATABASE_URL: sourceUrl, DATA_DIR: originalDataDir, APP_SECRET: appSecret })),
    );
    const dump = join(folder, 'epeople.dump');
    try {
      record = await fillInstallation(original);
      // While the server runs: the database first, then the attachments and keys.
      const startedAt = performance.now();
      await run('pg_dump', ['-Fc', '--no-owner', '-f', dump, sourceUrl]);
      dumpMs = performance.now() - startedAt;
      for (const part of ['attachments', 'keys']) {
        await cp(join(originalDataDir, part), join(folder, 'restored', part), { recursive: true });
      }
    } finally {
      await original.shutdown();
    }
    await admin.query(`CREATE DATABASE ${targetName}`);
    await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', withDatabase(SERVER_URL, targetName), dump]);
  }, 180_000);

  afterAll(async () => {
    if (!admin) return;
    for (const name of [sourceName, targetName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('pg_dump makes the dump while the server runs', async () => {
    const size = (await stat(join(folder, 'epeople.dump'))).size;
    console.log(`pg_dump -Fc: ${size} bytes, ${Math.round(dumpMs)} ms`);
    expect(size).toBeGreaterThan(0);
  });

  it('a server on the restored database with another APP_SECRET refuses to start, naming APP_SECRET', async () => {
    const { code, stderr } = await runMain({ ...restoredEnv(), APP_SECRET: randomBytes(32).toString('base64url') });
    expect(code, stderr).toBe(78);
    expect(stderr).toContain('APP_SECRET');
  }, 60_000);

  describe('the restored server, under the same APP_SECRET', () => {
    let restored: RunningServer;
    beforeAll(async () => {
      restored = await startServer(loadConfig(restoredEnv()));
    }, 60_000);
    afterAll(async () => {
      await restored?.shutdown();
    });

    it('finds every case by its access code, with every attachment byte for byte', async () => {
      await expectCasesRestored(restored, record);
    });

    it('serves the signed answer letter unchanged, and the public verifier finds it valid', async () => {
      await expectAnswerRestored(restored, record);
    });

    it('keeps the transparency log, which extends the checkpoint signed before the dump', async () => {
      await expectLogRestored(restored, record);
    });
  });
});
