import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTsa, startLocalTsa } from '../../test/local-tsa.ts';
import { cmsVerify, runOpenssl } from '../../test/openssl.ts';
import { signDetachedCms, toArrayBuffer } from './cms-detached.ts';
import { addTimestampToCms } from './cms-timestamp.ts';
import { openDevelopmentSigning } from './dev-ca.ts';
import { encodePem } from './pem.ts';
import { createTimestampAuthority } from './timestamp-authority.ts';
import { verifyCms } from './verify-cms.ts';

let tsa: LocalTsa;
let dir: string;
beforeAll(async () => {
  tsa = await startLocalTsa();
  dir = await mkdtemp(join(tmpdir(), 'epeople-ts-test-'));
});
afterAll(async () => {
  await tsa?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('RFC 3161 timestamp client', () => {
  it('gets a token from a real TSA that `openssl ts -verify` accepts for the digest, and refuses for another', async () => {
    const digest = createHash('sha256').update('a signature value').digest();
    const token = await createTimestampAuthority(tsa.url).timestamp(new Uint8Array(digest), 'SHA-256');
    const tokenFile = join(dir, 'token.der');
    await writeFile(tokenFile, token);

    const verified = runOpenssl([
      'ts',
      '-verify',
      '-digest',
      digest.toString('hex'),
      '-in',
      tokenFile,
      '-token_in',
      '-CAfile',
      tsa.caCertificateFile,
    ]);
    expect(verified.stdout + verified.stderr).toContain('Verification: OK');
    const other = createHash('sha256').update('another value').digest('hex');
    const refused = runOpenssl([
      'ts',
      '-verify',
      '-digest',
      other,
      '-in',
      tokenFile,
      '-token_in',
      '-CAfile',
      tsa.caCertificateFile,
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('message imprint mismatch');
  });

  it('refuses an unreachable authority, a reply that is not RFC 3161, and a replayed token', async () => {
    const digest = createHash('sha256').update('first').digest();
    await expect(
      createTimestampAuthority('http://127.0.0.1:9/tsa', { timeoutMs: 2000 }).timestamp(digest, 'SHA-256'),
    ).rejects.toThrow();

    const garbage = await serve(async () => Buffer.from('<html>proxy error</html>'));
    await expect(createTimestampAuthority(garbage.url).timestamp(digest, 'SHA-256')).rejects.toThrow(
      /not a TimeStampResp/,
    );
    await garbage.close();

    // A "TSA" that answers every request with the first reply it got from the real one.
    let first: Buffer | undefined;
    const replaying = await serve(async (query) => {
      first ??= Buffer.from(
        await (
          await fetch(tsa.url, {
            method: 'POST',
            headers: { 'content-type': 'application/timestamp-query' },
            body: new Uint8Array(query),
          })
        ).arrayBuffer(),
      );
      return first;
    });
    const client = createTimestampAuthority(replaying.url);
    await expect(client.timestamp(digest, 'SHA-256')).resolves.toBeInstanceOf(Uint8Array);
    await expect(client.timestamp(digest, 'SHA-256')).rejects.toThrow(/nonce/);
    await expect(client.timestamp(createHash('sha256').update('second').digest(), 'SHA-256')).rejects.toThrow(
      /other data/,
    );
    await replaying.close();
  });

  it('timestamps a detached CMS: OpenSSL still verifies it and verifyCms reports the authority time', async () => {
    const signing = await openDevelopmentSigning(dir);
    const signer = await signing.signerFor({ code: 'health', name: 'Health directorate' });
    const content = new TextEncoder().encode('{"answerId":"x"}');
    const before = Date.now();
    const cms = await addTimestampToCms(await signDetachedCms(content, signer), createTimestampAuthority(tsa.url));

    await writeFile(join(dir, 'record.json'), content);
    await writeFile(join(dir, 'record.p7s'), cms);
    await writeFile(join(dir, 'ca.pem'), encodePem('CERTIFICATE', signing.rootCertificate));
    const verified = cmsVerify(join(dir, 'record.p7s'), join(dir, 'record.json'), join(dir, 'ca.pem'));
    expect(verified.stderr).toContain('CMS Verification successful');

    const verdict = await verifyCms({ cms, content, trustAnchors: [signing.rootCertificate, tsa.caCertificate] });
    expect(verdict.signatureValid && verdict.digestValid && verdict.chainTrusted).toBe(true);
    expect(verdict.timestamp).toMatchObject({ imprintValid: true, signatureValid: true, chainTrusted: true });
    expect(verdict.timestamp?.authority?.subject).toBe('CN=ePeople TEST TSA');
    expect(Date.parse(verdict.timestampTime ?? '')).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(Date.parse(verdict.timestampTime ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
    // The token inside, taken out, satisfies openssl ts -verify for the hash of the signature value.
    await writeFile(join(dir, 'inner-token.der'), await extractToken(cms));
    const imprint = createHash('sha256').update(signatureValueOf(cms)).digest('hex');
    const inner = runOpenssl([
      'ts',
      '-verify',
      '-digest',
      imprint,
      '-in',
      join(dir, 'inner-token.der'),
      '-token_in',
      '-CAfile',
      tsa.caCertificateFile,
    ]);
    expect(inner.stdout + inner.stderr).toContain('Verification: OK');
  });

  it("a timestamp over another signature is not reported as this signature's time", async () => {
    const signing = await openDevelopmentSigning(dir);
    const signer = await signing.signerFor({ code: 'health', name: 'Health directorate' });
    const content = new TextEncoder().encode('record one');
    const stamped = await addTimestampToCms(await signDetachedCms(content, signer), createTimestampAuthority(tsa.url));
    // Graft the first record's token onto a second signature of the same content.
    const fresh = await signDetachedCms(content, signer, new Date(Date.now() - 5000));
    const grafted = await addTimestampToCms(fresh, { timestamp: async () => extractToken(stamped) });
    const verdict = await verifyCms({
      cms: grafted,
      content,
      trustAnchors: [signing.rootCertificate, tsa.caCertificate],
    });
    expect(verdict.signatureValid).toBe(true);
    expect(verdict.timestamp?.imprintValid).toBe(false);
    expect(verdict.timestampTime).toBeUndefined();
  });
});

function signedDataOf(cms: Uint8Array): pkijs.SignedData {
  return new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(toArrayBuffer(cms)).content });
}

function signatureValueOf(cms: Uint8Array): Uint8Array {
  const signature = signedDataOf(cms).signerInfos[0]?.signature;
  if (!signature) throw new Error('no signer');
  return new Uint8Array(signature.valueBlock.valueHexView);
}

async function extractToken(cms: Uint8Array): Promise<Uint8Array> {
  const token = signedDataOf(cms).signerInfos[0]?.unsignedAttrs?.attributes[0]?.values[0];
  if (!token) throw new Error('no token');
  return new Uint8Array(token.toBER(false));
}

async function serve(answer: (query: Buffer) => Promise<Buffer>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(Buffer.concat(chunks)).then(
        (body) => response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
