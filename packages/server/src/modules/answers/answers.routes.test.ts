import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CaseAnswersResponse,
  PublicAnswerVerification,
  TrustAnchors,
  VerificationResult,
} from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, type SignedInSession, signIn, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { cmsVerify, runTool } from '../../../test/openssl.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../seed/index.ts';
import { flushLog, verifyReceipt } from '../transparency-log/index.ts';
import { answerLogEntry, answerLogFacts } from './answers.log-entry.ts';
import { createAnswersRepository } from './answers.repository.ts';
import { verifyOffline } from './offline-verify.ts';

/**
 * A guest's petition in Arabic, answered by the Ministry of Health through the real back office;
 * the sign job (a real queue worker) turns the answer into a signed letter, a signed record and
 * a log entry, which pdfsig, openssl and the public verifier then judge.
 */
describe('signed answers', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let officer: SignedInSession;
  let supervisor: SignedInSession;
  let folder: string;
  let filed: { id: string; reference: string; accessCode: string };
  let answers: CaseAnswersResponse['answers'];
  let letter: Buffer;
  const guestName = 'أمينة بن صالح';
  const answerText = 'سيُفتح المركز الصحي يوم السبت ابتداءً من 1 مارس 2027 حسب قرار Ministère de la Santé.';

  const guestGet = (url: string) => app.inject({ method: 'GET', url, headers: { 'x-access-code': filed.accessCode } });
  const act = async (session: SignedInSession, action: string, body?: unknown) => {
    const response = await authed(app, session).post(`/api/v1/inbox/cases/${filed.id}/${action}`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  const verifyPdf = (pdf: Uint8Array) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(pdf),
    });

  async function waitForSignedAnswers(): Promise<CaseAnswersResponse['answers']> {
    for (let attempt = 0; attempt < 120; attempt++) {
      const listed = (await guestGet(`/api/v1/cases/${filed.reference}/answers`)).json() as CaseAnswersResponse;
      if (listed.answers.length > 0 && listed.answers.every((answer) => answer.status === 'signed'))
        return listed.answers;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the answer was not signed within 30 s');
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-answers-test-'));
    test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000', LOG_BATCH_INTERVAL_MS: '600000' } });
    app = await test.buildApp();
    await seedDemoAccounts(test.ctx);
    officer = await signIn(app, 'demo-officer@epeople.tn', DEMO_PASSWORD);
    supervisor = await signIn(app, 'demo-supervisor@epeople.tn', DEMO_PASSWORD);
    const filing = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: 'المركز الصحي مغلق يوم السبت',
        description: 'المركز الصحي في حيّنا يغلق كل يوم سبت دون إعلام مسبق.',
        language: 'ar',
        unitId: await unitIdOf(test.ctx.database.db, 'min-health'),
        guest: { name: guestName, email: uniqueEmail('guest') },
      },
    });
    expect(filing.statusCode, filing.body).toBe(201);
    const body = filing.json() as { case: { id: string; reference: string }; accessCode: string };
    filed = { id: body.case.id, reference: body.case.reference, accessCode: body.accessCode };
    const [officerRow] = await queryRows<{ id: string }>(
      test.ctx.database.db,
      sql`SELECT id FROM users WHERE email = 'demo-officer@epeople.tn'`,
    );
    await act(supervisor, 'register');
    await act(supervisor, 'assign', { assigneeId: officerRow?.id });
    await act(officer, 'start');
    await act(officer, 'submit-draft', { outcome: 'upheld', body: answerText });
    await act(supervisor, 'approve-draft', {});
    await act(officer, 'answer');
    answers = await waitForSignedAnswers();
    await flushLog(test.ctx);
    answers = ((await guestGet(`/api/v1/cases/${filed.reference}/answers`)).json() as CaseAnswersResponse).answers;
    const downloaded = await guestGet(answers[0]?.downloads?.letter ?? '');
    expect(downloaded.statusCode, downloaded.body).toBe(200);
    letter = downloaded.rawPayload;
  }, 120_000);
  afterAll(async () => {
    await test.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists the case’s one answer, signed and logged, to the holder of the access code only', async () => {
    expect(answers).toHaveLength(1);
    const [answer] = answers;
    expect(answer).toMatchObject({ status: 'signed', outcome: 'upheld', language: 'ar' });
    expect(answer?.logIndex).toBeTypeOf('number');
    expect(answer?.downloads?.receipt).toMatch(/receipt\.tlog-proof$/);
    expect(answer?.verificationUrl).toMatch(new RegExp(`/verify/${answer?.id}$`));
    const stranger = await app.inject({ method: 'GET', url: `/api/v1/cases/${filed.reference}/answers` });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ code: 'cases.not_found' });
    const wrongCode = await app.inject({
      method: 'GET',
      url: answers[0]?.downloads?.letter ?? '',
      headers: { 'x-access-code': 'AAAA-BBBB-CCCC' },
    });
    expect(wrongCode.statusCode).toBe(404);
    const timeline = (await guestGet(`/api/v1/cases/${filed.reference}`)).json() as {
      timeline: Array<{ type: string }>;
    };
    expect(timeline.timeline.map((event) => event.type)).toContain('ANSWER_SIGNED');
  });

  it('the letter is a PDF that pdfsig finds validly signed, in Arabic, and a Digest Mismatch after one byte changes', async () => {
    const path = join(folder, 'letter.pdf');
    await writeFile(path, letter);
    const report = runTool('pdfsig', ['-no-ocsp', path]).stdout;
    expect(report).toContain('Signature Validation: Signature is Valid.');
    const text = runTool('pdftotext', ['-enc', 'UTF-8', path, '-']).stdout;
    expect(text).toContain(filed.reference);
    expect(text).toContain('Ministère de la Santé');
    expect(text).toContain('2027');
    const tampered = Buffer.from(letter);
    const at = tampered.indexOf('/Length') - 20;
    tampered[at] = tampered[at] === 0x20 ? 0x0a : 0x20;
    await writeFile(path, tampered);
    expect(runTool('pdfsig', ['-no-ocsp', path]).stdout).toContain('Digest Mismatch');
  });

  it('the record and its .p7s pass openssl cms -verify against the published root, and fail once changed', async () => {
    const [answer] = answers;
    const record = await guestGet(answer?.downloads?.record ?? '');
    const signature = await guestGet(answer?.downloads?.recordSignature ?? '');
    expect(record.headers['content-type']).toContain('application/json');
    const fields = record.json() as Record<string, string>;
    expect(fields).toMatchObject({ answerId: answer?.id, caseReference: filed.reference, unit: 'min-health' });
    expect(fields.signedPdfSha256).toBe(createHash('sha256').update(letter).digest('hex'));
    const anchors = (await app.inject({ method: 'GET', url: '/api/v1/verify/trust-anchors' })).json() as TrustAnchors;
    await writeFile(join(folder, 'root.pem'), anchors.roots.map((root) => root.pem).join('\n'));
    await writeFile(join(folder, 'record.json'), record.rawPayload);
    await writeFile(join(folder, 'record.p7s'), signature.rawPayload);
    const verifyRecord = (content: string) =>
      cmsVerify(join(folder, 'record.p7s'), join(folder, content), join(folder, 'root.pem'));
    const verified = verifyRecord('record.json');
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stderr).toContain('Verification successful');
    await writeFile(join(folder, 'changed.json'), record.body.replace('upheld', 'not_upheld'));
    expect(verifyRecord('changed.json').status).not.toBe(0);
  });

  it('the public verifier accepts the letter as issued and logged, and says why a changed or unsigned file is not', async () => {
    const result = (await verifyPdf(letter)).json() as VerificationResult;
    expect(result.verdict).toBe('valid');
    expect(result.problems).toEqual([]);
    expect(result.isTestSignature).toBe(true);
    expect(result.answer).toMatchObject({
      id: answers[0]?.id,
      reference: filed.reference,
      unit: { code: 'min-health' },
    });
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatchObject({ intact: true, coversWholeDocument: true, chainTrusted: true });
    expect(result.signatures[0]?.signer?.subject).toContain('TEST');
    expect(result.log).toMatchObject({ index: answers[0]?.logIndex, checkpointSigned: true, inclusionProved: true });

    const tampered = Buffer.from(letter);
    const at = tampered.indexOf('/Length') - 20;
    tampered[at] = tampered[at] === 0x20 ? 0x0a : 0x20;
    const broken = (await verifyPdf(tampered)).json() as VerificationResult;
    expect(broken.verdict).toBe('invalid');
    expect(broken.problems).toEqual(expect.arrayContaining(['signature_broken', 'not_issued_by_epeople']));

    const appended = Buffer.concat([letter, Buffer.from('\n% appended after signing\n')]);
    const extended = (await verifyPdf(appended)).json() as VerificationResult;
    expect(extended.verdict).toBe('invalid');
    expect(extended.problems).toContain('document_modified_after_signing');

    const unsigned = (
      await verifyPdf(Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'))
    ).json() as VerificationResult;
    expect(unsigned).toMatchObject({ verdict: 'invalid', signatures: [], answer: null });
    expect(unsigned.problems).toContain('no_signature');

    const notPdf = await verifyPdf(Buffer.from('GIF89a not a letter'));
    expect(notPdf.statusCode).toBe(415);
    expect(notPdf.json()).toMatchObject({ code: 'verify.not_a_pdf' });
  });

  it('verifies by reference and access code, and refuses a wrong code as an unknown case', async () => {
    const byCode = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { reference: filed.reference, accessCode: filed.accessCode },
    });
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(byCode.json()).toMatchObject({ verdict: 'valid', answer: { id: answers[0]?.id } });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { reference: filed.reference, accessCode: 'AAAA-BBBB-CCCC' },
    });
    expect(wrong.statusCode).toBe(404);
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { reference: filed.reference },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'common.validation_failed' });
  });

  it('the QR code’s public page gives the public facts and the log proof, and no names or text', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/verify/answers/${answers[0]?.id}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as PublicAnswerVerification;
    expect(body.answer).toMatchObject({
      reference: filed.reference,
      outcome: 'upheld',
      logIndex: answers[0]?.logIndex,
    });
    expect(body.answer.letterSha256).toBe(createHash('sha256').update(letter).digest('hex'));
    expect(body.log).toMatchObject({ checkpointSigned: true, inclusionProved: true });
    expect(response.body).not.toContain(guestName);
    expect(response.body).not.toContain('المركز الصحي');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/verify/answers/00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'answers.not_found' });
  });

  it('the receipt proves the answer’s log entry under a checkpoint signed by the published log key', async () => {
    const receipt = await guestGet(answers[0]?.downloads?.receipt ?? '');
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.body.startsWith('c2sp.org/tlog-proof@v1\n')).toBe(true);
    const anchors = (await app.inject({ method: 'GET', url: '/api/v1/verify/trust-anchors' })).json() as TrustAnchors;
    const published = await app.inject({ method: 'GET', url: '/log/verifier-key' });
    expect(published.body.trim()).toBe(anchors.log.verifierKey);
    const facts = await createAnswersRepository({ db: test.ctx.database.db }).publicFacts({ id: answers[0]?.id ?? '' });
    if (!facts) throw new Error('answer missing');
    const entry = answerLogEntry(answerLogFacts(facts.answer, facts.reference, facts.unit.code));
    expect(verifyReceipt(receipt.body, anchors.log.verifierKey, entry)).toMatchObject({
      ok: true,
      checkpointSigned: true,
    });
    const forged = answerLogEntry({
      ...answerLogFacts(facts.answer, facts.reference, facts.unit.code),
      outcome: 'not_upheld',
    });
    expect(verifyReceipt(receipt.body, anchors.log.verifierKey, forged).ok).toBe(false);
  });

  it('the letter and its receipt verify offline, as `npm run cli -- verify` does, and a changed letter does not', async () => {
    const anchors = (await app.inject({ method: 'GET', url: '/api/v1/verify/trust-anchors' })).json() as TrustAnchors;
    const receipt = (await guestGet(answers[0]?.downloads?.receipt ?? '')).body;
    await writeFile(join(folder, 'answer.pdf'), letter);
    await writeFile(join(folder, 'answer.tlog-proof'), receipt);
    await writeFile(join(folder, 'roots.pem'), anchors.roots.map((root) => root.pem).join('\n'));
    const cli = (pdf: string) =>
      spawnSync(
        process.execPath,
        [
          join(import.meta.dirname, '../../cli.ts'),
          'verify',
          join(folder, pdf),
          '--receipt',
          join(folder, 'answer.tlog-proof'),
          '--trust',
          join(folder, 'roots.pem'),
          '--log-key',
          anchors.log.verifierKey,
        ],
        { encoding: 'utf8', env: { ...process.env, DATA_DIR: folder, LOG_LEVEL: 'silent' } },
      );
    const valid = cli('answer.pdf');
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toContain('Verdict: valid');
    expect(valid.stdout).toContain(`case ${filed.reference}`);
    expect(valid.stdout).toMatch(/inclusion proved/);

    const changed = Buffer.from(letter);
    const at = changed.indexOf('/Length') - 20;
    changed[at] = changed[at] === 0x20 ? 0x0a : 0x20;
    await writeFile(join(folder, 'changed.pdf'), changed);
    const refused = cli('changed.pdf');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('signature_broken');
    expect(refused.stdout).toContain('not_issued_by_epeople');

    // The same checks in process: a receipt from another log key proves nothing.
    const offline = await verifyOffline({
      pdf: letter,
      trustAnchors: anchors.roots.map(
        (root) => new Uint8Array(Buffer.from(root.pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')),
      ),
      receipt,
      logVerifierKey: anchors.log.verifierKey,
    });
    expect(offline).toMatchObject({ verdict: 'valid', entry: { answerId: answers[0]?.id } });
    const otherKey = anchors.log.verifierKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    const foreign = await verifyOffline({ pdf: letter, trustAnchors: [], receipt, logVerifierKey: otherKey });
    expect(foreign.verdict).toBe('invalid');
    expect(foreign.problems).toEqual(expect.arrayContaining(['signer_not_trusted', 'log_proof_failed']));
    // Two CLI processes, each loading the whole server's code: slow on a loaded machine.
  }, 120_000);

  it('a signed answer is final: the database refuses to change or delete it', async () => {
    const db = test.ctx.database.db;
    // Drizzle wraps the database's refusal; the trigger's message is the cause.
    const refusalOf = (query: Promise<unknown>) =>
      query.then(
        () => 'accepted',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    const id = answers[0]?.id;
    const update = sql`UPDATE signed_answers SET outcome = 'not_upheld' WHERE id = ${id}`;
    expect(await refusalOf(queryRows(db, update))).toBe('signed answers are final');
    const remove = sql`DELETE FROM signed_answers WHERE id = ${id}`;
    expect(await refusalOf(queryRows(db, remove))).toBe('signed answers are final');
  });

  it('staff download the letter too, and each download is audited', async () => {
    const response = await authed(app, supervisor).get(answers[0]?.downloads?.letter ?? '');
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, letter)).toBe(0);
    const audited = await queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${answers[0]?.id} ORDER BY id`,
    );
    expect(audited.map((row) => row.action)).toEqual(['answers.signed', 'answers.letter_downloaded']);
  });
});
