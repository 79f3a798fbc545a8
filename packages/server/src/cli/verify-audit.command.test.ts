import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tamperWithAuditLog } from '../../test/audit-tampering.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createAuditRepository, sealAuditLog } from '../modules/audit/index.ts';
import { flushLog } from '../modules/transparency-log/index.ts';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const runCli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });

describe('npm run cli -- verify-audit', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-cli-'));
    const database = await openDatabase({ dataDir });
    await migrate(database);
    const audit = createAuditRepository({ db: database.db });
    for (const action of ['first', 'second', 'third']) {
      await audit.record({ actorId: null, actorKind: 'system', action, subjectType: 'cli-test', subjectId: action });
    }
    await sealAuditLog({ db: database.db });
    // The sealed head reaches the transparency log (the CLI reads the same development log key).
    await flushLog({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), database });
    await database.close();
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('reports an intact chain with its head hash and exits 0', () => {
    const result = runCli(dataDir, 'verify-audit');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Audit chain intact: 3 sealed rows/);
    expect(result.stdout).toMatch(/Head hash: [0-9a-f]{64}/);
    expect(result.stdout).toMatch(
      /Anchored: 1 heads in the transparency log, the last at seal 3; 0 sealed rows after it/,
    );
  });

  it('catches a row edited with its chain recomputed, by the head anchored in the transparency log, and exits 1', async () => {
    const database = await openDatabase({ dataDir });
    await tamperWithAuditLog(database, (db) =>
      db.exec(`UPDATE audit_log SET subject_id = 'forged-and-rechained' WHERE action = 'first'`).then(() => {}),
    );
    await database.close();
    const result = runCli(dataDir, 'verify-audit');
    expect(result.stdout).toContain('Audit chain intact');
    expect(result.stderr).toContain('Audit chain REWRITTEN at seal 3');
    expect(result.status).toBe(1);
  });

  it('names the first altered row and exits 1', async () => {
    const database = await openDatabase({ dataDir });
    await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    const { rows } = await database.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'second'`);
    await database.exec(`UPDATE audit_log SET subject_id = 'forged' WHERE action = 'second'`);
    await database.close();
    const result = runCli(dataDir, 'verify-audit');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`BROKEN at row id ${rows[0]?.id}`);
    expect(result.stderr).toContain('hash_mismatch');
  });

  it('refuses to open the embedded database while another process holds it', async () => {
    const database = await openDatabase({ dataDir });
    const result = runCli(dataDir, 'verify-audit');
    await database.close();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/in use by process \d+/);
  });
});
