import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDF } from '@libpdf/core';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTsa, startLocalTsa } from '../../test/local-tsa.ts';
import { cmsVerify, runOpenssl, runTool } from '../../test/openssl.ts';
import { openDevelopmentSigning } from '../signing/dev-ca.ts';
import { encodePem } from '../signing/pem.ts';
import type { Signer } from '../signing/signer.ts';
import { createTimestampAuthority } from '../signing/timestamp-authority.ts';
import { verifyCms } from '../signing/verify-cms.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { arabicLetter, withPdfFile } from './letters.test-helpers.ts';
import { MAX_SIGNATURE_GAP_CHARS, MAX_SIGNATURES } from './pdf-signature-limits.ts';
import { readPdfSignatures } from './read-pdf-signatures.ts';
import { LETTER_SIGNATURE_FIELD, signLetter } from './sign-letter.ts';

let dataDir: string;
let signer: Signer;
let rootCertificate: Uint8Array;
let unsigned: Uint8Array;
let signed: Uint8Array;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'epeople-sign-letter-'));
  const signing = await openDevelopmentSigning(dataDir);
  rootCertificate = signing.rootCertificate;
  signer = await signing.signerFor({ code: 'regional-affairs', name: 'الإدارة العامة للشؤون الجهوية' });
  unsigned = await renderLetterPdf(arabicLetter({ isTest: true }));
  signed = await signLetter(unsigned, signer, {
    reason: 'Réponse officielle 2026-0042',
    location: 'Tunis',
    contactInfo: 'https://epeople.example.tn/verify',
    signingTime: new Date('2026-03-20T10:31:00Z'),
  });
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** pdfsig without OCSP (no network); it exits non-zero for an untrusted issuer, so its output is what counts. */
const pdfsig = (pdf: Uint8Array) => withPdfFile(pdf, (path) => runTool('pdfsig', ['-no-ocsp', path]).stdout);

describe('PAdES letter signature', () => {
  it('is valid for pdfsig, as CAdES detached over the whole document, in an incremental update', async () => {
    const report = await pdfsig(signed);
    expect(report).toContain(`Signature Field Name: ${LETTER_SIGNATURE_FIELD}`);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('(TEST)'); // the development certificate says what it is
    expect(Buffer.from(signed.subarray(0, unsigned.length)).equals(Buffer.from(unsigned))).toBe(true);
  });

  it('is a Digest Mismatch for pdfsig once one byte of the letter changes', async () => {
    const tampered = new Uint8Array(signed);
    const offset = Buffer.from(tampered).indexOf('/CreationDate');
    tampered[offset + 1] = 'c'.charCodeAt(0); // inside the signed range, the file still parses
    expect(await pdfsig(tampered)).toContain('Signature Validation: Digest Mismatch.');
  });

  it('reads back the signed bytes and the CMS, which openssl verifies against the root', async () => {
    const [found, ...others] = readPdfSignatures(signed);
    expect(others).toEqual([]);
    if (!found) throw new Error('no signature found');
    expect(found).toMatchObject({
      fieldName: LETTER_SIGNATURE_FIELD,
      subFilter: 'ETSI.CAdES.detached',
      isDocumentTimestamp: false,
      reason: 'Réponse officielle 2026-0042',
      location: 'Tunis',
      contactInfo: 'https://epeople.example.tn/verify',
      claimedSigningTime: new Date('2026-03-20T10:31:00Z'),
      coversWholeDocument: true,
    });
    expect(found.byteRange[2] + found.byteRange[3]).toBe(signed.length);

    const directory = await mkdtemp(join(tmpdir(), 'epeople-cms-'));
    try {
      await writeFile(join(directory, 'letter.p7s'), found.cms);
      await writeFile(join(directory, 'content.bin'), found.signedBytes);
      await writeFile(join(directory, 'root.pem'), encodePem('CERTIFICATE', rootCertificate));
      const verify = (content: string) =>
        cmsVerify(join(directory, 'letter.p7s'), join(directory, content), join(directory, 'root.pem'));
      const accepted = verify('content.bin');
      expect(accepted.stderr).toContain('CMS Verification successful');
      const changed = new Uint8Array(found.signedBytes);
      changed[100] = (changed[100] as number) ^ 1;
      await writeFile(join(directory, 'changed.bin'), changed);
      expect(verify('changed.bin').status).not.toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('is accepted end to end by the CMS verifier: digest, signature and chain up to the development root', async () => {
    const [found] = readPdfSignatures(signed);
    if (!found) throw new Error('no signature found');
    const verdict = await verifyCms({ cms: found.cms, content: found.signedBytes, trustAnchors: [rootCertificate] });
    expect(verdict).toMatchObject({ wellFormed: true, digestValid: true, signatureValid: true, chainTrusted: true });
    expect(verdict.timestampTime).toBeUndefined();
  });

  it('finds both signatures of a letter signed twice; only the later one covers the whole file', async () => {
    const document = await PDF.load(signed);
    const { bytes: twice } = await document.sign({
      signer,
      fieldName: 'Countersignature',
      reason: 'Seen',
      location: 'Tunis',
    });
    const found = readPdfSignatures(twice);
    expect(found.map((signature) => [signature.fieldName, signature.coversWholeDocument])).toEqual([
      [LETTER_SIGNATURE_FIELD, false],
      ['Countersignature', true],
    ]);
    for (const signature of found) {
      const verdict = await verifyCms({
        cms: signature.cms,
        content: signature.signedBytes,
        trustAnchors: [rootCertificate],
      });
      expect(verdict.digestValid && verdict.signatureValid).toBe(true);
    }
  });

  it('carries the ESS signing-certificate-v2 attribute naming the signer certificate by its SHA-256', () => {
    const [found] = readPdfSignatures(signed);
    if (!found) throw new Error('no signature found');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(found.cms).result });
    const signerInfo = new pkijs.SignedData({ schema: contentInfo.content }).signerInfos[0];
    const attribute = signerInfo?.signedAttrs?.attributes.find((each) => each.type === '1.2.840.113549.1.9.16.2.47');
    if (!attribute) throw new Error('no signing-certificate-v2 attribute');
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, ... } }
    const certs = (attribute.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const firstId = certs.valueBlock.value[0] as asn1js.Sequence;
    const certHash = firstId.valueBlock.value.find((part) => part instanceof asn1js.OctetString) as asn1js.OctetString;
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256').update(signer.certificate).digest('hex'),
    );
  });

  it('reports a signature that no longer covers the whole file once bytes are appended', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended after signing\n')]);
    const [found] = readPdfSignatures(appended);
    expect(found?.coversWholeDocument).toBe(false);
  });

  it('finds no signature in an unsigned letter', () => {
    expect(readPdfSignatures(unsigned)).toEqual([]);
  });

  it('carries an RFC 3161 timestamp from a real local authority at PAdES B-T', async () => {
    let tsa: LocalTsa | undefined;
    const directory = await mkdtemp(join(tmpdir(), 'epeople-bt-'));
    try {
      tsa = await startLocalTsa();
      const before = Date.now();
      const stamped = await signLetter(unsigned, signer, {
        tsa: createTimestampAuthority(tsa.url),
        reason: 'Answer 2026-0042',
        location: 'Tunis',
      });
      expect(tsa.requests).toBe(1);
      await writeFile(join(directory, 'letter.pdf'), stamped);
      // Poppler 22.12's pdfsig checks the signature but prints no timestamp: it dumps the CMS, openssl judges the token.
      const report = runTool('pdfsig', ['-no-ocsp', join(directory, 'letter.pdf')]).stdout;
      expect(report).toContain('Signature Validation: Signature is Valid.');
      const dumped = spawnSync('pdfsig', ['-dump', 'letter.pdf'], { cwd: directory });
      expect(dumped.status).toBe(0);
      const dumpName = (await readdir(directory)).find((name) => name.endsWith('.sig0'));
      if (!dumpName) throw new Error('pdfsig -dump wrote no signature');
      const { token, signatureValue } = timestampTokenOf(await readFile(join(directory, dumpName)));
      await writeFile(join(directory, 'token.der'), token);
      const imprint = createHash('sha256').update(signatureValue).digest('hex');
      const verified = runOpenssl([
        'ts',
        '-verify',
        '-digest',
        imprint,
        '-in',
        join(directory, 'token.der'),
        '-token_in',
        '-CAfile',
        tsa.caCertificateFile,
      ]);
      expect(verified.stdout + verified.stderr).toContain('Verification: OK');

      const [found] = readPdfSignatures(stamped);
      if (!found) throw new Error('no signature found');
      const verdict = await verifyCms({
        cms: found.cms,
        content: found.signedBytes,
        trustAnchors: [rootCertificate, tsa.caCertificate],
      });
      expect(verdict).toMatchObject({ digestValid: true, signatureValid: true, chainTrusted: true });
      expect(Date.parse(verdict.timestampTime ?? '')).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
      expect(Date.parse(verdict.timestampTime ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
    } finally {
      await tsa?.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('refuses bytes that are not a PDF with verify.not_a_pdf, and never crashes on broken ones', () => {
    expect(() => readPdfSignatures(new TextEncoder().encode('hello'))).toThrowError(
      expect.objectContaining({ code: 'verify.not_a_pdf' }),
    );
    expect(() => readPdfSignatures(new Uint8Array())).toThrowError(
      expect.objectContaining({ code: 'verify.not_a_pdf' }),
    );
    const broken = [
      '%PDF-1.7\n/ByteRange [0 10 99999999 5] /Contents <3082>',
      '%PDF-1.7\n/ByteRange [0 9 20 2]\n/Contents <30820>\n',
      '%PDF-1.7\n1 0 obj << /ByteRange [5 1 2 3] >> endobj',
      '%PDF-1.7\n/ByteRange [0 10 12 0]',
      `%PDF-1.7\n/ByteRange [${'9'.repeat(400)}]`,
    ];
    for (const text of broken) expect(readPdfSignatures(new TextEncoder().encode(text))).toEqual([]);
    // The signed letter cut short: its signature points past the end and is left out.
    expect(readPdfSignatures(signed.subarray(0, signed.length - 100))).toEqual([]);
  });

  it('refuses a file of more than 16 signatures, or a /Contents beyond 64 KiB, as too complex (docs/pdf-verification.md)', () => {
    const range = /\/ByteRange\s*\[[^\]]*\]/.exec(Buffer.from(signed).toString('latin1'))?.[0] ?? '';
    const withRanges = (count: number) => Buffer.concat([signed, Buffer.from(`\n${`${range}\n`.repeat(count)}`)]);
    expect(readPdfSignatures(withRanges(MAX_SIGNATURES - 1))).toHaveLength(MAX_SIGNATURES);
    expect(() => readPdfSignatures(withRanges(MAX_SIGNATURES))).toThrowError(
      expect.objectContaining({ code: 'verify.document_too_complex' }),
    );
    const hex = '30'.repeat(MAX_SIGNATURE_GAP_CHARS / 2 + 1);
    const huge = Buffer.from(
      `%PDF-1.7\n1 0 obj << /ByteRange [0 30 ${30 + hex.length + 2} 10] /Contents <${hex}> >> endobj\n`,
    );
    expect(() => readPdfSignatures(huge)).toThrowError(
      expect.objectContaining({ code: 'verify.document_too_complex' }),
    );
  });

  it('never crashes on a signed letter with bytes changed, cut or inserted anywhere', () => {
    const edit = fc.record({
      at: fc.nat({ max: signed.length - 1 }),
      cut: fc.nat({ max: 64 }),
      insert: fc.uint8Array({ maxLength: 16 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let bytes = Buffer.from(signed);
        for (const { at, cut, insert } of edits) {
          bytes = Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(Math.min(bytes.length, at + cut))]);
        }
        if (!bytes.subarray(0, 1024).includes('%PDF-')) {
          // The header itself was hit: that is no longer a PDF, the one refusal allowed.
          expect(() => readPdfSignatures(bytes)).toThrowError(expect.objectContaining({ code: 'verify.not_a_pdf' }));
          return;
        }
        const found = readPdfSignatures(bytes);
        expect(found.length).toBeLessThanOrEqual(1);
        for (const signature of found) {
          expect(signature.signedBytes.length).toBe(signature.byteRange[1] + signature.byteRange[3]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** The RFC 3161 token among the signer's unsigned attributes, and the signature value it stamps. */
function timestampTokenOf(cms: Uint8Array): { token: Uint8Array; signatureValue: Uint8Array } {
  const der = derOnly(cms);
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(der).result });
  const signerInfo = new pkijs.SignedData({ schema: contentInfo.content }).signerInfos[0];
  const attribute = signerInfo?.unsignedAttrs?.attributes.find((each) => each.type === '1.2.840.113549.1.9.16.2.14');
  const token = attribute?.values[0];
  if (!signerInfo || !token) throw new Error('no timestamp token in the signature');
  return {
    token: new Uint8Array(token.toBER(false)),
    signatureValue: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
  };
}

/** pdfsig -dump writes /Contents as is, zero padding included: keep the DER element only. */
function derOnly(bytes: Uint8Array): Uint8Array {
  if ((bytes[1] as number) < 0x80) return bytes.subarray(0, 2 + (bytes[1] as number));
  const lengthBytes = (bytes[1] as number) & 0x7f;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (bytes[2 + i] as number);
  return bytes.subarray(0, 2 + lengthBytes + length);
}
