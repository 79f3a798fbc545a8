import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CaseAnswersResponse, VerificationResult } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { minimalPdf, multipartBody } from '../../src/modules/attachments/attachments.test-files.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/modules/seed/index.ts';
import {
  checkStoredLog,
  flushLog,
  logVerifierKey,
  parseVerifierKey,
} from '../../src/modules/transparency-log/index.ts';
import type { RunningServer } from '../../src/server.ts';
import { authed, type SignedInSession, signIn, uniqueEmail } from '../accounts-helpers.ts';
import { unitIdOf } from '../agencies-helpers.ts';

/**
 * Data worth restoring, made through the API of a running server, and the checks that a restored
 * server holds all of it: shared by the embedded and the PostgreSQL backup tests.
 */
export const SERVER_SRC = join(import.meta.dirname, '..', '..', 'src');

/** The environment of a server under test; the log's origin (PUBLIC_URL) survives a restore. */
export function serverEnv(overrides: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://epeople.test',
    APP_SECRET: randomBytes(32).toString('base64url'),
    DEMO_MODE: 'false',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    FILING_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_BATCH_INTERVAL_MS: '200',
    PATH: process.env.PATH ?? '',
    ...overrides,
  };
}

export interface FiledCase {
  reference: string;
  accessCode: string;
  detail: unknown;
  attachments: Array<{ url: string; bytes: Buffer }>;
}

export interface InstallationRecord {
  cases: FiledCase[];
  answer: { reference: string; accessCode: string; id: string; logIndex: number; letter: Buffer };
  /** GET /log/checkpoint, as a verifier saved it before the backup. */
  checkpoint: string;
  unitId: string;
}

/** A PDF with bytes of its own. */
export const pdfPiece = (n: number): Buffer => Buffer.concat([minimalPdf(), Buffer.from(`% piece ${n}\n`)]);

const asGuest = (app: FastifyInstance, url: string, accessCode: string) =>
  app.inject({ method: 'GET', url, headers: { 'x-access-code': accessCode } });

/** A guest's petition with its attachments uploaded first, as the filing form does. */
export async function fileGuestCase(app: FastifyInstance, unitId: string, index: number, files: Buffer[]) {
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
async function guestView(app: FastifyInstance, reference: string, accessCode: string) {
  const detail = await asGuest(app, `/api/v1/cases/${reference}`, accessCode);
  expect(detail.statusCode, detail.body).toBe(200);
  const body = detail.json() as { attachments: Array<{ id: string }> };
  const attachments = [];
  for (const attachment of body.attachments) {
    const url = `/api/v1/cases/${reference}/attachments/${attachment.id}`;
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

/**
 * Four guest cases with two attachments each, one answered through the back office (signed
 * letter, signed record, log entry), the log flushed; answers what a restore must bring back.
 */
export async function fillInstallation({ app, ctx }: RunningServer): Promise<InstallationRecord> {
  await seedDemoAccounts(ctx);
  const unitId = await unitIdOf(ctx.database.db, 'min-health');
  const filed = [];
  for (let i = 0; i < 4; i++) filed.push(await fileGuestCase(app, unitId, i, [pdfPiece(2 * i), pdfPiece(2 * i + 1)]));
  const [target] = filed;
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
  const cases: FiledCase[] = [];
  for (const theCase of filed) {
    cases.push({
      reference: theCase.reference,
      accessCode: theCase.accessCode,
      ...(await guestView(app, theCase.reference, theCase.accessCode)),
    });
  }
  return {
    cases,
    answer: {
      reference: target.reference,
      accessCode: target.accessCode,
      id: answer.id,
      logIndex: answer.logIndex as number,
      letter: letter.rawPayload,
    },
    checkpoint: (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body,
    unitId,
  };
}

/** Every case, found by its access code, with the same detail and every attachment byte for byte. */
export async function expectCasesRestored({ app }: RunningServer, record: InstallationRecord): Promise<void> {
  for (const theCase of record.cases) {
    const seen = await guestView(app, theCase.reference, theCase.accessCode);
    expect(seen.detail).toEqual(theCase.detail);
    expect(seen.attachments.map((a) => a.url)).toEqual(theCase.attachments.map((a) => a.url));
    for (const [index, attachment] of seen.attachments.entries()) {
      expect(attachment.bytes.equals(theCase.attachments[index]?.bytes ?? Buffer.alloc(0))).toBe(true);
    }
  }
}

/** The signed answer: listed, its letter unchanged, and valid for the public verifier. */
export async function expectAnswerRestored({ app }: RunningServer, record: InstallationRecord): Promise<void> {
  const { answer } = record;
  const listed = (
    await asGuest(app, `/api/v1/cases/${answer.reference}/answers`, answer.accessCode)
  ).json() as CaseAnswersResponse;
  expect(listed.answers).toHaveLength(1);
  expect(listed.answers[0]).toMatchObject({ id: answer.id, status: 'signed', logIndex: answer.logIndex });
  const letter = await asGuest(app, listed.answers[0]?.downloads?.letter ?? '', answer.accessCode);
  expect(letter.rawPayload.equals(answer.letter)).toBe(true);
  const verdict = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: answer.letter,
    })
  ).json() as VerificationResult;
  expect(verdict.problems).toEqual([]);
  expect(verdict.verdict).toBe('valid');
}

/** The log: signed by its key, every entry hashing to the signed root, extending the saved checkpoint. */
export async function expectLogRestored({ ctx }: RunningServer, record: InstallationRecord): Promise<void> {
  const verifier = parseVerifierKey(await logVerifierKey({ config: ctx.config }));
  const report = await checkStoredLog({ db: ctx.database.db, verifier, trustedCheckpoint: record.checkpoint });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  const sizeBefore = Number(record.checkpoint.split('\n')[1]);
  expect(sizeBefore).toBeGreaterThan(record.answer.logIndex);
  expect(report.size).toBeGreaterThanOrEqual(sizeBefore);
}

/** Starts `main.ts` (the real entry point) and answers its exit code and stderr. */
export async function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(SERVER_SRC, 'main.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // A server that starts anyway never exits on its own: stop it after a while.
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(killer);
  return { code, stderr };
}
