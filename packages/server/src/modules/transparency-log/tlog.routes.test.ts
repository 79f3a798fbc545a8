import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { enqueueLogEntry, flushLog, logVerifierKey } from './index.ts';
import { parseCheckpoint } from './tlog.checkpoint.ts';
import { leafHash } from './tlog.merkle.ts';
import { verifyConsistency, verifyInclusion } from './tlog.merkle-verify.ts';
import { openNote, parseVerifierKey } from './tlog.signed-note.ts';
import { decodeEntryBundle } from './tlog.tiles.ts';

const entryFor = (i: number) => new TextEncoder().encode(`entry number ${i}`);
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

describe('the log’s public read API', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
    app = await test.buildApp();
    await flushLog(test.ctx);
    await test.ctx.database.db.transaction(async (tx) => {
      for (let i = 0; i < 260; i++) await enqueueLogEntry(tx, { sourceId: randomUUID(), entry: entryFor(i) });
    });
    await flushLog(test.ctx);
  });
  afterAll(async () => test.close());

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves the signed checkpoint as text, cacheable for seconds', async () => {
    const response = await get('/log/checkpoint');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=2');
    const verifier = parseVerifierKey((await get('/log/verifier-key')).body);
    const checkpoint = parseCheckpoint(openNote(response.body, verifier));
    expect(checkpoint).toMatchObject({ origin: 'localhost:3000/log', size: 260 });
    expect((await get('/log/verifier-key')).body).toBe(`${await logVerifierKey(test.ctx)}\n`);
  });

  it('serves full tiles as immutable bytes and partial tiles for a shorter time', async () => {
    const full = await get('/log/tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.headers['access-control-allow-origin']).toBe('*');
    expect(full.rawPayload.length).toBe(256 * 32);
    expect(full.rawPayload.subarray(0, 32).equals(Buffer.from(leafHash(entryFor(0))))).toBe(true);
    const partial = await get('/log/tile/0/001.p/4');
    expect(partial.rawPayload.length).toBe(4 * 32);
    expect(partial.headers['cache-control']).toBe('public, max-age=3600');
    const levelOne = await get('/log/tile/1/000.p/1');
    expect(levelOne.rawPayload.length).toBe(32);
    const bundle = await get('/log/tile/entries/001.p/4');
    expect(decodeEntryBundle(new Uint8Array(bundle.rawPayload)).map((e) => Buffer.from(e).toString())).toEqual(
      [256, 257, 258, 259].map((i) => `entry number ${i}`),
    );
  });

  it('answers problems for tiles the tree does not hold yet and for malformed paths', async () => {
    for (const url of ['/log/tile/0/001', '/log/tile/0/001.p/5', '/log/tile/1/000', '/log/tile/entries/002']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('transparency_log.tile_not_found');
    }
    for (const url of ['/log/tile/0/1', '/log/tile/8/0/000', '/log/tile/0/000.p/256', '/log/tile/x/000']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('transparency_log.tile_path_invalid');
    }
    expect((await get('/log/elsewhere')).statusCode).toBe(404);
  });

  it('gives inclusion and consistency proofs that verify against the signed roots', async () => {
    const checkpoint = parseCheckpoint(
      openNote((await get('/log/checkpoint')).body, parseVerifierKey((await get('/log/verifier-key')).body)),
    );
    const inclusion = await get('/api/v1/log/proofs/inclusion?index=257&treeSize=260');
    expect(inclusion.statusCode).toBe(200);
    const body = inclusion.json();
    expect(body.rootHash).toBe(Buffer.from(checkpoint.root).toString('base64'));
    expect(verifyInclusion(leafHash(entryFor(257)), 257, 260, body.proof.map(fromBase64), checkpoint.root)).toBe(true);

    const consistency = (await get('/api/v1/log/proofs/consistency?from=100&to=260')).json();
    expect(consistency.toRoot).toBe(body.rootHash);
    expect(
      verifyConsistency(100, 260, consistency.proof.map(fromBase64), fromBase64(consistency.fromRoot), checkpoint.root),
    ).toBe(true);
  });

  it('refuses proofs outside the log with a stable code', async () => {
    for (const url of [
      '/api/v1/log/proofs/inclusion?index=260&treeSize=260',
      '/api/v1/log/proofs/inclusion?index=0&treeSize=261',
      '/api/v1/log/proofs/consistency?from=10&to=261',
      '/api/v1/log/proofs/consistency?from=200&to=100',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('transparency_log.proof_out_of_range');
    }
    const malformed = await get('/api/v1/log/proofs/inclusion?index=-1&treeSize=x');
    expect(malformed.json().code).toBe('common.validation_failed');
  });
});
