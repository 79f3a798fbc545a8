import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openssl, runOpenssl } from '../../test/openssl.ts';
import { openDevelopmentSigning } from './dev-ca.ts';
import { encodePem } from './pem.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'epeople-dev-ca-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const unit = { code: 'civil-status', name: 'Civil status office' };

describe('development CA', () => {
  it('keeps keys in DATA_DIR/keys with a 0700 directory and 0600 files, and reuses them', async () => {
    const first = await openDevelopmentSigning(dataDir);
    const firstSigner = await first.signerFor(unit);

    const keysDir = join(dataDir, 'keys');
    expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
    const files = await readdir(keysDir);
    expect(files.sort()).toEqual(['dev-root-ca.cert.pem', 'dev-root-ca.pem', 'dev-unit-civil-status.pem']);
    for (const file of files) expect((await stat(join(keysDir, file))).mode & 0o777).toBe(0o600);

    const second = await openDevelopmentSigning(dataDir);
    const secondSigner = await second.signerFor(unit);
    expect(Buffer.from(second.rootCertificate)).toEqual(Buffer.from(first.rootCertificate));
    expect(Buffer.from(secondSigner.certificate)).toEqual(Buffer.from(firstSigner.certificate));
  });

  it('issues one certificate per unit, chained to the test root', async () => {
    const signing = await openDevelopmentSigning(dataDir);
    const a = await signing.signerFor(unit);
    const b = await signing.signerFor({ code: 'health', name: 'Health directorate' });
    expect(Buffer.from(a.certificate)).not.toEqual(Buffer.from(b.certificate));
    expect(a.certificateChain).toEqual([signing.rootCertificate]);

    await writeFile(join(dataDir, 'ca.pem'), encodePem('CERTIFICATE', signing.rootCertificate));
    await writeFile(join(dataDir, 'unit.pem'), encodePem('CERTIFICATE', a.certificate));
    expect(openssl(['verify', '-CAfile', join(dataDir, 'ca.pem'), join(dataDir, 'unit.pem')])).toContain('OK');
  });

  it('gives unit certificates the signing profile: critical digitalSignature + nonRepudiation, CA:false, no EKU, names saying TEST', async () => {
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor({ code: 'civil-status', name: 'مكتب الحالة المدنية' });
    const text = openssl(['x509', '-inform', 'DER', '-noout', '-text', '-nameopt', 'utf8'], signer.certificate);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).not.toContain('Extended Key Usage');
    expect(text).toContain('Public Key Algorithm: id-ecPublicKey');
    expect(text).toContain('NIST CURVE: P-256');
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
    expect(text).toContain('Subject: CN=مكتب الحالة المدنية (TEST), OU=civil-status');
    expect(text).toContain('Issuer: CN=ePeople TEST root CA — not for production');

    const root = openssl(['x509', '-inform', 'DER', '-noout', '-text', '-nameopt', 'utf8'], signing.rootCertificate);
    expect(root).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(root).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
  });

  it('signs with ECDSA P-256 / SHA-256 in DER, verifiable by openssl against the certificate', async () => {
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor(unit);
    expect(signer.keyType).toBe('EC');
    expect(signer.signatureAlgorithm).toBe('ECDSA');
    const data = new TextEncoder().encode('a reply to case 2025-000123');
    const signature = await signer.sign(data, 'SHA-256');
    expect(signature[0]).toBe(0x30); // DER SEQUENCE { r, s }, not raw r‖s

    const certificatePem = join(dataDir, 'unit.pem');
    await writeFile(certificatePem, encodePem('CERTIFICATE', signer.certificate));
    const publicKeyPem = join(dataDir, 'unit.pub');
    openssl(['x509', '-in', certificatePem, '-pubkey', '-noout', '-out', publicKeyPem]);
    const signaturePath = join(dataDir, 'sig.der');
    await writeFile(signaturePath, signature);
    const good = runOpenssl(['dgst', '-sha256', '-verify', publicKeyPem, '-signature', signaturePath], data);
    expect(good.stdout).toContain('Verified OK');
    const tampered = new Uint8Array(data);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    const bad = runOpenssl(['dgst', '-sha256', '-verify', publicKeyPem, '-signature', signaturePath], tampered);
    expect(bad.status).not.toBe(0);
  });

  it('reissues a unit certificate when the unit is renamed, and refuses codes that are not slugs', async () => {
    const signing = await openDevelopmentSigning(dataDir);
    const before = await signing.signerFor(unit);
    const after = await signing.signerFor({ ...unit, name: 'Civil status and population office' });
    expect(Buffer.from(after.certificate)).not.toEqual(Buffer.from(before.certificate));
    expect(openssl(['x509', '-inform', 'DER', '-noout', '-subject'], after.certificate)).toContain(
      'CN = Civil status and population office (TEST)',
    );
    expect(() => signing.signerFor({ code: '../escape', name: 'x' })).toThrow(/unit code/);
  });

  it('gives two processes starting together the same root', async () => {
    const [a, b] = await Promise.all([openDevelopmentSigning(dataDir), openDevelopmentSigning(dataDir)]);
    const onDisk = await readFile(join(dataDir, 'keys', 'dev-root-ca.cert.pem'), 'utf8');
    const digest = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
    expect(digest(a.rootCertificate)).toBe(digest(b.rootCertificate));
    expect(onDisk).toBe(encodePem('CERTIFICATE', a.rootCertificate));
  });
});
