import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLetterInThisThread, signLetter } from '../src/letters/index.ts';
import { frenchLetter } from '../src/letters/letters.test-helpers.ts';
import { openDevelopmentSigning } from '../src/signing/dev-ca.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * Issue 8: a start loads only what it uses. The signing, PDF and certificate stacks, sharp and
 * nodemailer load on their first use (docs/operations.md, "Start-up and memory"), and that first
 * use still works in a process that has just started: a letter signed with the node's own
 * development CA is found intact and trusted by the first verification, and the trust anchors
 * are described by the first request for them.
 */
const LOADED_LATER = [
  'pkijs',
  'asn1js',
  '@peculiar/x509',
  '@libpdf/core',
  'pdfkit',
  'qrcode',
  'bidi-js',
  'sharp',
  'nodemailer',
  'pkcs11js',
];
const HOOK = join(import.meta.dirname, 'loaded-modules-hook.ts');

const packagesIn = (urls: string) =>
  new Set([...urls.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((match) => match[1]));

describe('lazy modules', () => {
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a second start loads no signing, PDF, image or mail code; their first use after it works', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-lazy-'));
    // The first start makes the development CA (that loads the certificate builder): stop it.
    const first = await startServerProcess({ LOG_LEVEL: 'warn' }, { dataDir });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const loadedFile = join(dataDir, 'loaded-modules.txt');
    server = await startServerProcess(
      { LOG_LEVEL: 'warn', NODE_OPTIONS: `--import=${HOOK}`, LOADED_MODULES_FILE: loadedFile },
      { dataDir },
    );
    const atStart = packagesIn(await readFile(loadedFile, 'utf8'));
    expect(atStart.has('fastify')).toBe(true); // the hook did record the start
    expect(LOADED_LATER.filter((name) => atStart.has(name))).toEqual([]);

    // A letter signed by a unit certificate of this node's development CA (DATA_DIR/keys).
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor({ code: 'cro-tn-61', name: 'Bureau des relations avec le citoyen' });
    const pdf = await signLetter(await renderLetterInThisThread(frenchLetter()), signer, {
      reason: 'Answer 2026-0042',
      location: 'Tunis',
    });
    const verified = await fetch(`${server.base}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: new Uint8Array(pdf),
    });
    expect(verified.status).toBe(200);
    const result = (await verified.json()) as { signatures: Array<{ intact: boolean; chainTrusted: boolean }> };
    expect(result.signatures).toEqual([expect.objectContaining({ intact: true, chainTrusted: true })]);

    const anchors = await fetch(`${server.base}/api/v1/verify/trust-anchors`);
    expect(anchors.status).toBe(200);
    const { roots } = (await anchors.json()) as { roots: Array<{ certificate: { subject: string } }> };
    expect(roots[0]?.certificate.subject).toContain('ePeople TEST root CA');
    expect(packagesIn(await readFile(loadedFile, 'utf8')).has('@peculiar/x509')).toBe(true);
  }, 240_000);
});
