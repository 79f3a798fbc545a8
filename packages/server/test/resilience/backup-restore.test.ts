import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CaseAnswersResponse, VerificationResult } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { queryRows } from '../../src/db/client.ts';
import { minimalPdf, minimalPng, multipartBody } from '../../src/modules/attachments/attachments.test-files.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/modules/seed/index.ts';
import {
  checkStoredLog,
  flushLog,
  logVerifierKey,
  parseVerifierKey,
} from '../../src/modules/transparency-log/index.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { authed, type SignedInSession, signIn, uniqueEmail } from '../accounts-helpers.ts';
import { unitIdOf } from '../agencies-helpers.ts';

const run = promisify(execFile);
const SRC = join(import.meta.dirname, '..', '..', 'src');

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
  const envFor = (dataDir: string, secret = appSecret): Record<string, string> => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    // The log's origin is permanent: the restored server keeps the public address.
    PUBLIC_URL: 'http://epeople.test',
    DATA_DIR: dataDir,
    APP_SECRET: secret,
    DEMO_MODE: 'false',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    FILING_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_BATCH_INTERVAL_MS: '200',
    PATH: process.env.PATH ?? '',
  });
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, [join(SRC, 'cli.ts'), ...args], { env, timeout: 60_000 });

  interface Filed {
    reference: string;
    accessCode: string;
    detail: unknown;
    attachments: Array<{ url: string; bytes: Buffer }>;
  }
  const filed: Filed[] = [];
  let answered: { reference: string; accessCode: string; letter: Buffer; answerId: string; logIndex: number };
  let checkpointBeforeBackup: string;
  let filedDuringBackup: string[] = [];
  let backupOutput: string;
  let backupMs: number;

  const asGuest = (app: FastifyInstance, url: string, accessCode: string) =>
    app.inject({ method: 'GET', url, headers: { 'x-access-code': accessCode } });

  async function fileGuestCase(app: FastifyInstance, unitId: string, index: number, files: Buffer[]) {
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      ...multipartBody(files.map((content, n) => ({ name: `piece-${index}-${n}.pdf`, content }))),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachmentIds = (uploaded.json() as { attachments: Array<{ id: string }> }).attachments.map((a) => a.id);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: `طلب رقم ${index}: إصلاح الطريق`,
        description: `Le chemin du quartier ${index} est impraticable depuis l’hiver.`,
        language: 'ar',
        unitId,
        guest: { name: 'أمينة بن صالح', email: uniqueEmail('guest') },
        attachmentIds,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { case: { id: string; reference: string }; accessCode: string };
    return { id: body.case.id, reference: body.case.reference, accessCode: body.accessCode };
  }

  /** Everything a guest sees of a case, and the bytes of each attachment. */
  async function snapshot(app: FastifyInstance, reference: string, accessCode: string) {
    const detail = await asGuest(app, `/api/v1/cases/${reference}`, accessCode);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json() as { attachments: Array<{ downloadUrl?: string; id: string }> };
    const attachments = [];
    for (const attachment of body.attachments) {
      const url = attachment.downloadUrl ?? `/api/v1/cases/${reference}/attachments/${attachment.id}`;
      const download = await asGuest(app, url, accessCode);
      expect(download.statusCode, download.body).toBe(200);
      attachments.push({ url, bytes: download.rawPayload });
    }
    return { detail: body, attachments };
  }

  async function waitForSignedAnswer(app: FastifyInstance, reference: string, accessCode: string) {
    for (let attempt = 0; attempt < 160; attempt++) {
      const listed = (await asGuest(app, `/api/v1/cases/${reference}/answers`, accessCode)).json() as CaseAnswersResponse;
      const [answer] = listed.answers;
      if (answer?.status === 'signed' && typeof answer.logIndex === 'number') return answer;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the answer was not signed and logged within 40 s');
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-backup-'));
    const original: RunningServer = await startServer(loadConfig(envFor(join(folder, 'original'))));
    try {
      const { app, ctx } = original;
      await seedDemoAccounts(ctx);
      const unitId = await unitIdOf(ctx.database.db, 'min-health');
      // Distinct bytes per file: a PDF with a comment of its own.
      const pdf = (n: number) => Buffer.concat([minimalPdf(), Buffer.from(`% piece ${n}\n`)]);
      const cases = [];
      for (let i = 0; i < 4; i++) cases.push(await fileGuestCase(app, unitId, i, [pdf(2 * i), pdf(2 * i + 1)]));

      // One case answered through the back office: signed letter, record and log entry.
      const [target] = cases;
      if (!target) throw new Error('no case filed');
      const supervisor: SignedInSession = await signIn(app, 'demo-supervisor@epeople.tn', DEMO_PASSWORD);
      const officer: SignedInSession = await signIn(app, 'demo-officer@epeople.tn', DEMO_PASSWORD);
      const [officerRow] = await queryRows<{ id: string }>(
        ctx.database.db,
        sql`SELECT id FROM users WHERE email = 'demo-officer@epeople.tn'`,
      );
      const act = async (session: SignedInSession, action: string, body?: unknown) => {
        const response = await authed(app, session).post(`/api/v1/inbox/cases/${target.id}/${action}`, body);
        expect(response.statusCode, response.body).toBe(200);
      };
      await act(supervisor, 'register');
      await act(supervisor, 'assign', { assigneeId: officerRow?.id });
      await act(officer, 'start');
      await act(officer, 'submit-draft', { outcome: 'upheld', body: 'سيتم إصلاح الطريق قبل نهاية الشهر.' });
      await act(supervisor, 'approve-draft', {});
      await act(officer, 'answer');
      const answer = await waitForSignedAnswer(app, target.reference, target.accessCode);
      await flushLog(ctx);
      const letter = await asGuest(app, answer.downloads?.letter ?? '', target.accessCode);
      expect(letter.statusCode, letter.body).toBe(200);
      answered = {
        reference: target.reference,
        accessCode: target.accessCode,
        letter: letter.rawPayload,
        answerId: answer.id,
        logIndex: answer.logIndex as number,
      };
      for (const theCase of cases) {
        const seen = await snapshot(app, theCase.reference, theCase.accessCode);
        filed.push({ reference: theCase.reference, accessCode: theCase.accessCode, ...seen });
      }
      checkpointBeforeBackup = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;

      // The backup runs in another process while this server keeps taking cases.
      const startedAt = performance.now();
      const backup = cli(['backup', '--out', join(folder, 'backup')], envFor(join(folder, 'original')));
      let isBackingUp = true;
      const filing = (async () => {
        // At most 20 (uploads are limited to 30 a minute per address), spread over the backup.
        for (let i = 10; isBackingUp && i < 30; i++) {
          filedDuringBackup.push((await fileGuestCase(app, unitId, i, [pdf(100 + i)])).reference);
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      })();
      const { stdout, stderr } = await backup.finally(() => {
        isBackingUp = false;
      });
      backupMs = performance.now() - startedAt;
      backupOutput = `${stdout}${stderr}`;
      await filing;
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
    console.log(`backup: ${size} bytes of database, ${Math.round(backupMs)} ms, ${filedDuringBackup.length} cases filed meanwhile`);
    expect(filedDuringBackup.length).toBeGreaterThan(0);
  });

  it('a server restored with another APP_SECRET refuses to start, naming APP_SECRET', async () => {
    const otherSecret = randomBytes(32).toString('base64url');
    const child = spawn(process.execPath, [join(SRC, 'main.ts')], {
      env: envFor(join(folder, 'restored'), otherSecret),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // A server that starts anyway never exits on its own: stop it after a while.
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(killer);
    expect(code, stderr).toBe(78);
    expect(stderr).toContain('APP_SECRET');
    expect(stderr).not.toContain(otherSecret);
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
      for (const theCase of filed) {
        const seen = await snapshot(restored.app, theCase.reference, theCase.accessCode);
        expect(seen.detail).toEqual(theCase.detail);
        expect(seen.attachments.map((a) => a.url)).toEqual(theCase.attachments.map((a) => a.url));
        for (const [index, attachment] of seen.attachments.entries()) {
          expect(attachment.bytes.equals(theCase.attachments[index]?.bytes ?? Buffer.alloc(0))).toBe(true);
        }
      }
    });

    it('serves the signed answer letter unchanged, and the public verifier finds it valid', async () => {
      const listed = (
        await asGuest(restored.app, `/api/v1/cases/${answered.reference}/answers`, answered.accessCode)
      ).json() as CaseAnswersResponse;
      expect(listed.answers).toHaveLength(1);
      expect(listed.answers[0]).toMatchObject({ id: answered.answerId, status: 'signed', logIndex: answered.logIndex });
      const letter = await asGuest(restored.app, listed.answers[0]?.downloads?.letter ?? '', answered.accessCode);
      expect(letter.rawPayload.equals(answered.letter)).toBe(true);
      const verdict = (
        await restored.app.inject({
          method: 'POST',
          url: '/api/v1/verify',
          headers: { 'content-type': 'application/pdf' },
          payload: answered.letter,
        })
      ).json() as VerificationResult;
      expect(verdict.problems).toEqual([]);
      expect(verdict.verdict).toBe('valid');
    });

    it('keeps the transparency log: every entry hashes to the signed root, which extends the checkpoint signed before the backup', async () => {
      const verifier = parseVerifierKey(await logVerifierKey({ config: restored.ctx.config }));
      const report = await checkStoredLog({
        db: restored.ctx.database.db,
        verifier,
        trustedCheckpoint: checkpointBeforeBackup,
      });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      const sizeBefore = Number(checkpointBeforeBackup.split('\n')[1]);
      expect(sizeBefore).toBeGreaterThan(answered.logIndex);
      expect(report.size).toBeGreaterThanOrEqual(sizeBefore);
    });

    it('the cases filed while the backup ran are each either whole or absent', async () => {
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
      for (const { storage_key } of keys) {
        await expect(readFile(join(folder, 'restored', 'attachments', storage_key))).resolves.toBeInstanceOf(Buffer);
      }
    });
  });
});
