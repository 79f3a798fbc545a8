import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import * as pkijs from 'pkijs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cmsVerify, openssl, runTool } from '../../test/openssl.ts';
import { makeTestPki, type TestPki } from '../../test/openssl-pki.ts';
import { createAnswerRecord } from './answer-record.ts';
import { openDevelopmentSigning } from './dev-ca.ts';
import { loadKeyFileSigner } from './key-file-signer.ts';
import { encodePem } from './pem.ts';
import { openPkcs11Signer } from './pkcs11-signer.ts';
import { loadPkcs12Signer } from './pkcs12-signer.ts';
import type { Signer } from './signer.ts';
import { verifyCms } from './verify-cms.ts';

/**
 * Every signing backend makes an answer record whose detached CMS OpenSSL verifies against the
 * root, and which stops verifying when one byte of the record changes; ePeople's own verifier
 * gives the same verdicts.
 */
const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const TOKEN_LABEL = 'epeople-test';
const PIN = '1234';

let dir: string;
let ecPki: TestPki;
let rsaPki: TestPki;
const closers: Array<() => void> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epeople-backends-'));
  ecPki = await makeTestPki(dir, 'ec', 'ec');
  rsaPki = await makeTestPki(dir, 'rsa', 'rsa');
  await prepareSoftHsmToken();
});
// Tokens are closed after each test, so the next opens the module afresh (and must log in again).
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fields = {
  answerId: '0b7d3f7e-8a43-4f57-9c57-2f1b6a0e9d11',
  caseReference: 'TN-2026-000123',
  unit: 'civil-status',
  outcome: 'accepted',
  answerTextSha256: 'a'.repeat(64),
  signedPdfSha256: 'b'.repeat(64),
  signerCertificateSha256: 'c'.repeat(64),
  issuedAt: '2026-03-01T09:30:00.000Z',
};

interface Backend {
  signer: Signer;
  rootPem: string;
  rootDer: Uint8Array;
  expectedChainLength: number;
}

const backends: Array<[string, () => Promise<Backend>]> = [
  [
    'PKCS#8 key file, EC P-256',
    async () => fromPki(ecPki, await loadKeyFileSigner({ keyFile: ecPki.signerKey, certificateFile: ecPki.chain }), 2),
  ],
  [
    'PKCS#8 key file, RSA-2048',
    async () =>
      fromPki(rsaPki, await loadKeyFileSigner({ keyFile: rsaPki.signerKey, certificateFile: rsaPki.chain }), 2),
  ],
  [
    'PKCS#12 from openssl pkcs12 -export, EC',
    async () =>
      fromPki(
        ecPki,
        await loadPkcs12Signer({ file: makePkcs12(ecPki, 'ec.p12', 'pässword'), password: 'pässword' }),
        2,
      ),
  ],
  [
    'PKCS#12 from openssl pkcs12 -export, RSA',
    async () =>
      fromPki(rsaPki, await loadPkcs12Signer({ file: makePkcs12(rsaPki, 'rsa.p12', 's3cret'), password: 's3cret' }), 2),
  ],
  [
    'PKCS#11 on SoftHSM2, EC key with its certificate and issuer on the token',
    async () => fromPki(ecPki, await openToken({ keyLabel: 'ec-signer' }), 1),
  ],
  [
    'PKCS#11 on SoftHSM2, RSA key with the certificates in a PEM file',
    async () => fromPki(rsaPki, await openToken({ keyLabel: 'rsa-signer', certificateFile: rsaPki.chain }), 2),
  ],
  [
    'development CA',
    async () => {
      const development = await openDevelopmentSigning(join(dir, 'data'));
      const rootPem = join(dir, 'dev-root.pem');
      await writeFile(rootPem, encodePem('CERTIFICATE', development.rootCertificate));
      const signer = await development.signerFor({ code: 'civil-status', name: 'Civil status office' });
      return { signer, rootPem, rootDer: development.rootCertificate, expectedChainLength: 1 };
    },
  ],
];

describe.each(backends)('%s', (name, open) => {
  it("signs an answer record OpenSSL verifies, and a one-byte change breaks it (ePeople's verifier agrees)", async () => {
    const { signer, rootPem, rootDer, expectedChainLength } = await open();
    expect(signer.certificateChain).toHaveLength(expectedChainLength);
    const record = await createAnswerRecord(fields, signer);
    const base = join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
    await writeFile(`${base}.json`, record.json);
    await writeFile(`${base}.p7s`, record.signature);

    const good = cmsVerify(`${base}.p7s`, `${base}.json`, rootPem);
    expect(good.stderr).toContain('CMS Verification successful');
    expect(good.status).toBe(0);
    const verdict = await verifyCms({ cms: record.signature, content: record.json, trustAnchors: [rootDer] });
    expect(verdict).toMatchObject({
      wellFormed: true,
      digestValid: true,
      signatureValid: true,
      chainTrusted: true,
      problems: [],
    });
    expect(verdict.signer?.sha256).toBe(
      new X509Certificate(signer.certificate).fingerprint256.replaceAll(':', '').toLowerCase(),
    );

    const tampered = new Uint8Array(record.json);
    const at = tampered.indexOf('T'.charCodeAt(0)); // inside the case reference
    tampered[at] = 'X'.charCodeAt(0);
    await writeFile(`${base}-tampered.json`, tampered);
    const bad = cmsVerify(`${base}.p7s`, `${base}-tampered.json`, rootPem);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('content verify error');
    const badVerdict = await verifyCms({ cms: record.signature, content: tampered, trustAnchors: [rootDer] });
    expect(badVerdict.digestValid).toBe(false);

    // Trusting another root: OpenSSL and verifyCms both refuse the chain.
    const otherRoot = rootPem === ecPki.rootCertificate ? rsaPki : ecPki;
    expect(cmsVerify(`${base}.p7s`, `${base}.json`, otherRoot.rootCertificate).status).not.toBe(0);
    const otherDer = new X509Certificate(await readFile(otherRoot.rootCertificate)).raw;
    expect(
      (await verifyCms({ cms: record.signature, content: record.json, trustAnchors: [otherDer] })).chainTrusted,
    ).toBe(false);
  });
});

describe('backend errors', () => {
  it('a PKCS#12 with the wrong password is refused with a message saying so', async () => {
    const file = makePkcs12(ecPki, 'wrong.p12', 'right');
    await expect(loadPkcs12Signer({ file, password: 'wrong' })).rejects.toThrow(/wrong password/);
  });

  it('a legacy (RC2) PKCS#12 is refused with advice to re-export it', async () => {
    const file = join(dir, 'legacy.p12');
    openssl([
      'pkcs12',
      '-export',
      '-legacy',
      '-inkey',
      ecPki.signerKey,
      '-in',
      ecPki.signerCertificate,
      '-out',
      file,
      '-passout',
      'pass:old',
    ]);
    await expect(loadPkcs12Signer({ file, password: 'old' })).rejects.toThrow(/re-export/);
  });

  it("a key file with another key's certificates is refused", async () => {
    await expect(loadKeyFileSigner({ keyFile: ecPki.signerKey, certificateFile: rsaPki.chain })).rejects.toThrow(
      /belongs to the signing key/,
    );
  });

  it('a PKCS#11 token refuses a wrong PIN, and an unknown label or token is named', async () => {
    const options = { modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN_LABEL, pin: PIN, keyLabel: 'ec-signer' };
    await expect(openPkcs11Signer({ ...options, pin: '0000' })).rejects.toThrow(/login refused.*CKR_PIN_INCORRECT/);
    await expect(openPkcs11Signer({ ...options, keyLabel: 'nope' })).rejects.toThrow(/no private key labelled "nope"/);
    await expect(openPkcs11Signer({ ...options, tokenLabel: 'other' })).rejects.toThrow(
      /no PKCS#11 token labelled "other"/,
    );
  });

  it('PKCS#11 signatures made concurrently all verify (one operation at a time on the session)', async () => {
    const signer = await openToken({ keyLabel: 'ec-signer' });
    const records = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createAnswerRecord({ ...fields, answerId: `id-${i}` }, signer)),
    );
    const rootDer = new X509Certificate(await readFile(ecPki.rootCertificate)).raw;
    for (const record of records) {
      const verdict = await verifyCms({ cms: record.signature, content: record.json, trustAnchors: [rootDer] });
      expect(verdict.signatureValid && verdict.digestValid && verdict.chainTrusted).toBe(true);
    }
  });
});

async function fromPki(pki: TestPki, signer: Signer, expectedChainLength: number): Promise<Backend> {
  return {
    signer,
    rootPem: pki.rootCertificate,
    rootDer: new X509Certificate(await readFile(pki.rootCertificate)).raw,
    expectedChainLength,
  };
}

/** A PKCS#12 as OpenSSL 3 makes it by default (PBES2, AES-256), holding the key, its certificate and both issuers. */
function makePkcs12(pki: TestPki, name: string, password: string): string {
  const file = join(dir, name);
  const issuers = join(dir, `${name}-issuers.pem`);
  writeFileSync(issuers, readFileSync(pki.intermediateCertificate, 'utf8') + readFileSync(pki.rootCertificate, 'utf8'));
  openssl([
    'pkcs12',
    '-export',
    '-inkey',
    pki.signerKey,
    '-in',
    pki.signerCertificate,
    '-certfile',
    issuers,
    '-out',
    file,
    '-passout',
    `pass:${password}`,
  ]);
  return file;
}

async function openToken(options: { keyLabel: string; certificateFile?: string }): Promise<Signer> {
  const opened = await openPkcs11Signer({ modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN_LABEL, pin: PIN, ...options });
  closers.push(() => opened.close());
  return opened.signer;
}

/**
 * A SoftHSM2 token in this test's own folder: both keys imported with softhsm2-util; the EC
 * signer's certificate and its issuer stored on the token as certificate objects (what a CA's
 * provisioning tool does), the RSA key's certificates left to a PEM file.
 */
async function prepareSoftHsmToken(): Promise<void> {
  const tokens = join(dir, 'tokens');
  await mkdir(tokens);
  const config = join(dir, 'softhsm2.conf');
  await writeFile(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = config; // read by SoftHSM at C_Initialize, and by softhsm2-util
  const softhsm = (args: string[]) => {
    const result = runTool('softhsm2-util', args);
    if (result.status !== 0) throw new Error(`softhsm2-util ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  };
  softhsm(['--init-token', '--free', '--label', TOKEN_LABEL, '--pin', PIN, '--so-pin', '5678']);
  softhsm(['--import', ecPki.signerKey, '--token', TOKEN_LABEL, '--label', 'ec-signer', '--id', '01', '--pin', PIN]);
  softhsm(['--import', rsaPki.signerKey, '--token', TOKEN_LABEL, '--label', 'rsa-signer', '--id', '02', '--pin', PIN]);

  const pkcs11 = new pkcs11js.PKCS11();
  pkcs11.load(SOFTHSM_MODULE);
  pkcs11.C_Initialize();
  try {
    const slot = pkcs11
      .C_GetSlotList(true)
      .find((candidate) => pkcs11.C_GetTokenInfo(candidate).label.trim() === TOKEN_LABEL);
    if (!slot) throw new Error('the SoftHSM token was not created');
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    pkcs11.C_Login(session, pkcs11js.CKU_USER, PIN);
    for (const [file, id, label] of [
      [ecPki.signerCertificate, '01', 'ec-signer'],
      [ecPki.intermediateCertificate, 'a1', 'ec-intermediate'],
    ] as const) {
      const certificate = new X509Certificate(await readFile(file));
      pkcs11.C_CreateObject(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
        { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
        { type: pkcs11js.CKA_LABEL, value: label },
        { type: pkcs11js.CKA_SUBJECT, value: subjectDer(certificate) },
        { type: pkcs11js.CKA_VALUE, value: certificate.raw },
      ]);
    }
    pkcs11.C_Logout(session);
    pkcs11.C_CloseSession(session);
  } finally {
    pkcs11.C_Finalize();
    pkcs11.close();
  }
}

function subjectDer(certificate: X509Certificate): Buffer {
  return Buffer.from(pkijs.Certificate.fromBER(certificate.raw).subject.toSchema().toBER(false));
}
