import type { VerificationResult } from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterInThisThread, signLetter } from '../../src/letters/index.ts';
import { frenchLetter } from '../../src/letters/letters.test-helpers.ts';
import { signingFor } from '../../src/modules/answers/answers.signing-context.ts';
import { pdfWithByteRangeOutsideTheFile, pdfWithRepeatedByteRanges } from '../hostile-pdfs.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Anyone may send any PDF to the public verifier, so reading one is bounded
 * (docs/pdf-verification.md): one forward pass within limits, on a thread of the verification
 * pool with a time budget, behind a bounded queue. Before, a 1.2 MB file of repeated /ByteRange
 * entries held the event loop for 22 s (issue 7 §4). Every file here starts from a genuine
 * letter signed with the server's own key. One thread and a queue of one, so that a flood is
 * small; speed is measured by the bench, not asserted here.
 */
const HOSTILE_ENTRIES = 2_000;

describe('the public verifier on hostile PDFs', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let letter: Uint8Array;

  const verify = (pdf: Uint8Array, remoteAddress = '198.51.100.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(pdf),
      remoteAddress,
    });

  beforeAll(async () => {
    test = await createTestContext({ env: { VERIFY_THREADS: '1', VERIFY_QUEUE_MAX: '1' } });
    app = await test.buildApp();
    const signing = await signingFor(test.ctx);
    const signer = await signing.signerFor({ code: 'min-health', name: 'Ministère de la Santé' });
    letter = await signLetter(await renderLetterInThisThread(frenchLetter({ isTest: true })), signer, {
      reason: 'Réponse officielle 2026-0042',
      location: 'Tunis',
    });
  }, 60_000);
  afterAll(async () => {
    await test.close();
  });

  it('a genuine signed letter still verifies', async () => {
    const response = await verify(letter);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as VerificationResult;
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatchObject({ intact: true, chainTrusted: true, coversWholeDocument: true });
    // Signed with the server's key but never issued as an answer: that is the one thing missing.
    expect(result.problems).toEqual(['not_issued_by_epeople']);
  });

  it('a PDF of thousands of /ByteRange entries is refused quickly with verify.document_too_complex', async () => {
    const hostile = pdfWithRepeatedByteRanges(letter, HOSTILE_ENTRIES);
    const [refused, readyMeanwhile] = await Promise.all([
      verify(hostile),
      app.inject({ method: 'GET', url: '/api/ready' }),
    ]);
    expect(refused.statusCode, refused.body.slice(0, 300)).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 422, code: 'verify.document_too_complex' });
    expect(readyMeanwhile.statusCode).toBe(200);
    // The server goes on: it answers, and verifies the next genuine letter.
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
    expect((await verify(letter)).json()).toMatchObject({ signatures: [{ intact: true }] });
  }, 120_000);

  it('a byte range pointing outside the file is refused', async () => {
    const response = await verify(pdfWithByteRangeOutsideTheFile(letter));
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as VerificationResult;
    // Not read (nothing past the end is touched), not counted: the file has no signature to trust.
    expect(result.signatures).toEqual([]);
    expect(result.verdict).toBe('invalid');
    expect(result.problems).toContain('no_signature');
  });

  it('a flood of verifications beyond the pool’s queue gets 503 verify.busy with Retry-After', async () => {
    const flood = await Promise.all(Array.from({ length: 12 }, (_, i) => verify(letter, `198.51.100.${10 + i}`)));
    const statuses = flood.map((response) => response.statusCode);
    expect(
      statuses.every((status) => status === 200 || status === 503),
      statuses.join(' '),
    ).toBe(true);
    const busy = flood.filter((response) => response.statusCode === 503);
    expect(busy.length, statuses.join(' ')).toBeGreaterThan(0);
    for (const response of busy) {
      expect(response.json()).toMatchObject({ status: 503, code: 'verify.busy' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toContain(200);
    // Once the queue drains, the verifier takes letters again.
    expect((await verify(letter)).statusCode).toBe(200);
  }, 60_000);
});

describe('the public verifier’s time budget', () => {
  let test: TestContext;

  beforeAll(async () => {
    // A budget no real verification fits in (a CMS check alone takes milliseconds).
    test = await createTestContext({ env: { VERIFY_THREADS: '1', VERIFY_TIME_BUDGET_MS: '1' } });
  }, 60_000);
  afterAll(async () => {
    await test.close();
  });

  it('a verification past its time budget ends its thread and answers 422 verify.document_too_complex', async () => {
    const app = await test.buildApp();
    const signer = await (await signingFor(test.ctx)).signerFor({ code: 'min-health', name: 'Ministère de la Santé' });
    const letter = await signLetter(await renderLetterInThisThread(frenchLetter({ isTest: true })), signer, {
      reason: 'Réponse officielle 2026-0042',
      location: 'Tunis',
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from(letter),
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(422);
    expect(response.json()).toMatchObject({ code: 'verify.document_too_complex' });
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  }, 60_000);
});
