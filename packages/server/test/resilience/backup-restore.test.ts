import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/backup/backup.manifest.ts';
import { loadConfig } from '../../src/config.ts';
import { queryRows } from '../../src/db/client.ts';
import { logVerifierKey } from '../../src/modules/transparency-log/index.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { buildVerifier, verify } from '../go-tlog-verifier/go-verifier.ts';
import {
  expectAnswerRestored,
  expectCasesRestored,
  expectLogRestored,
  fileGuestCase,
  fillInstallation,
  type InstallationRecord,
  pdfPiece,
  runMain,
  SERVER_SRC,
  serverEnv,
} from './installation-data.ts';

const run = promisify(execFile);

/**
 * Backup and restore of an installation on the embedded database, with real processes: a server
 * holds the data (cases with attachments, a signed answer, the transparency log), the `backup`
 * command (another process) copies it while the server runs and takes new cases, the `restore`
 * command unpacks it into a new DATA_DIR, and a server started there finds everything: same
 * access codes, same bytes, a log that still extends the checkpoint signed before the backup.
 * Under another APP_SECRET, the restored server refuses to start (docs/backup-and-restore.md).
 */
describe('backup and restore of the embedded database', () => {
  let folder: string;
  const appSecret = randomBytes(32).toString('base64url');
  const envFor = (dataDir: string) => serverEnv({ DATA_DIR: dataDir, APP_SECRET: appSecret });
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, [join(SERVER_SRC, 'cli.ts'), ...args], { env, timeout: 60_000 });

  let record: InstallationRecord;
  const filedDuringBackup: string[] = [];
  let backupOutput: string;
  let backupMs: number;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-backup-'));
    const original: RunningServer = await startServer(loadConfig(envFor(join(folder, 'original'))));
    try {
      record = await fillInstallation(original);
      // The backup runs in another process while this server keeps taking cases: at most 20
      // (uploads are limited to 30 a minute per address), spread over the backup.
      const startedAt = performance.now();
      let isBackingUp = true;
      const backup = cli(['backup', '--out', join(folder, 'backup')], envFor(join(folder, 'original'))).finally(() => {
        isBackingUp = false;
      });
      for (let i = 10; isBackingUp && i < 30; i++) {
        filedDuringBackup.push((await fileGuestCase(original.app, record.unitId, i, [pdfPiece(100 + i)])).reference);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const { stdout, stderr } = await backup;
      backupMs = performance.now() - startedAt;
      backupOutput = `${stdout}${stderr}`;
    } finally {
      await original.shutdown();
    }
    await cli(['restore', join(folder, 'backup')], envFor(join(folder, 'restored')));
  }, 180_000);

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('the backup command says the database came from the running server, and that APP_SECRET must be kept with it', async () => {
    expect(backupOutput).toContain('database from the running server');
    expect(backupOutput).toMatch(/Warning: APP_SECRET is NOT in this backup: keep it with the backup/);
    const size = (await stat(join(folder, 'backup', 'database.tar.gz'))).size;
    console.log(
      `embedded backup: ${size} bytes of database, ${Math.round(backupMs)} ms, ${filedDuringBackup.length} cases filed meanwhile`,
    );
    expect(filedDuringBackup.length).toBeGreaterThan(0);
  });

  it('a server restored with another APP_SECRET refuses to start, naming APP_SECRET', async () => {
    const otherSecret = randomBytes(32).toString('base64url');
    const { code, stderr } = await runMain({ ...envFor(join(folder, 'restored')), APP_SECRET: otherSecret });
    expect(code, stderr).toBe(78);
    expect(stderr).toContain('APP_SECRET');
    expect(stderr).not.toContain(otherSecret);
  }, 60_000);

  it('backs up a stopped server by opening its data folder, and restore refuses a damaged backup or a used DATA_DIR', async () => {
    const stopped = await cli(['backup', '--out', join(folder, 'stopped')], envFor(join(folder, 'original')));
    expect(stopped.stdout).toContain('database from the stopped database');

    const [attachment] = (await readManifest(join(folder, 'stopped'))).files.filter((file) =>
      file.path.startsWith('attachments/'),
    );
    if (!attachment) throw new Error('the backup holds no attachment');
    const path = join(folder, 'stopped', attachment.path);
    const bytes = await readFile(path);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 1;
    await writeFile(path, bytes);
    const damaged = cli(['restore', join(folder, 'stopped')], envFor(join(folder, 'from-damaged')));
    await expect(damaged).rejects.toThrow(`the backup is damaged: ${attachment.path}`);
    await expect(access(join(folder, 'from-damaged'))).rejects.toThrow();

    const overwrite = cli(['restore', join(folder, 'backup')], envFor(join(folder, 'original')));
    await expect(overwrite).rejects.toThrow('is not empty: restore only into a new data folder');
  }, 60_000);

  describe('the restored server, under the backup’s APP_SECRET', () => {
    let restored: RunningServer;
    beforeAll(async () => {
      restored = await startServer(loadConfig(envFor(join(folder, 'restored'))));
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

    it('keeps the transparency log: every entry hashes to the signed root, which extends the checkpoint signed before the backup', async () => {
      await expectLogRestored(restored, record);
    });

    it('Go’s x/mod verifier accepts the restored log through its tiles, consistent with the checkpoint saved before the backup', async () => {
      const binary = await buildVerifier(folder);
      const saved = join(folder, 'checkpoint-before-backup');
      await writeFile(saved, record.checkpoint);
      const address = restored.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const key = await logVerifierKey({ config: restored.ctx.config });
      const checked = await verify(binary, ['-log', `http://127.0.0.1:${port}/log`, '-key', key, '-old', saved]);
      expect(checked.output).toMatch(/ok: consistent with the checkpoint of \d+ entries/);
      expect(checked.ok).toBe(true);
    }, 120_000);

    it('the cases filed while the backup ran are each either whole or absent, and every attachment row has its file', async () => {
      for (const reference of filedDuringBackup) {
        const [row] = await queryRows<{ attachments: number }>(
          restored.ctx.database.db,
          sql`SELECT (SELECT count(*)::int FROM attachments a WHERE a.case_id = c.id) AS attachments
                FROM cases c WHERE c.reference = ${reference}`,
        );
        if (row) expect(row.attachments).toBe(1);
      }
      const keys = await queryRows<{ storage_key: string }>(
        restored.ctx.database.db,
        sql`SELECT storage_key FROM attachments`,
      );
      expect(keys.length).toBeGreaterThanOrEqual(8);
      for (const { storage_key } of keys) {
        await expect(access(join(folder, 'restored', 'attachments', storage_key))).resolves.toBeUndefined();
      }
    });
  });
});
