import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../../test/openssl-pki.ts';
import { loadConfig } from '../config.ts';
import { decodePemBlocks } from './pem.ts';
import { openSigning } from './signing.ts';

const production = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://epeople.gov.tn',
  APP_SECRET: 'x'.repeat(40),
  LOG_PRIVATE_KEY_FILE: '/etc/epeople/log.pem',
};
const silent = pino({ level: 'silent' });

let dir: string;
let pki: TestPki;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'epeople-signing-config-'));
  pki = await makeTestPki(dir, 'ec');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('signing configuration', () => {
  it('refuses production without a signing key', () => {
    expect(() => loadConfig(production)).toThrow(/SIGNING_KEY_FILE: a signing key is required in production/);
    expect(() => loadConfig({ ...production, SIGNING_KEY_FILE: '/k.pem', SIGNING_CERT_FILE: '/c.pem' })).not.toThrow();
    expect(() => loadConfig({ ...production, SIGNING_P12_FILE: '/s.p12', SIGNING_P12_PASSWORD: '' })).not.toThrow();
  });

  it('the server exits 78 (EX_CONFIG) with the message when production has no signing key', () => {
    const started = spawnSync(process.execPath, ['src/main.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, ...production, DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(started.status).toBe(78);
    expect(started.stderr).toContain('SIGNING_KEY_FILE: a signing key is required in production');
  }, 90_000); // loading the server's modules takes seconds on a busy machine

  it('refuses half a key and two keys at once, naming what is missing', () => {
    expect(() => loadConfig({ SIGNING_KEY_FILE: '/k.pem' })).toThrow(
      /SIGNING_CERT_FILE: SIGNING_KEY_FILE needs SIGNING_CERT_FILE/,
    );
    expect(() => loadConfig({ SIGNING_CERT_FILE: '/c.pem' })).toThrow(/SIGNING_CERT_FILE needs SIGNING_KEY_FILE/);
    expect(() => loadConfig({ SIGNING_P12_FILE: '/s.p12' })).toThrow(/SIGNING_P12_PASSWORD/);
    expect(() => loadConfig({ SIGNING_PKCS11_MODULE: '/lib.so', SIGNING_PKCS11_PIN: '1234' })).toThrow(
      /a PKCS#11 key also needs SIGNING_PKCS11_TOKEN_LABEL, SIGNING_PKCS11_KEY_LABEL/,
    );
    expect(() =>
      loadConfig({
        SIGNING_KEY_FILE: '/k.pem',
        SIGNING_CERT_FILE: '/c.pem',
        SIGNING_P12_FILE: '/s.p12',
        SIGNING_P12_PASSWORD: 'x',
      }),
    ).toThrow(/configure one signing key/);
    expect(() => loadConfig({ TSA_URL: 'not a url' })).toThrow(/TSA_URL/);
  });

  it('without a key outside production: the development CA, marked as a test, one certificate per unit', async () => {
    const signing = await openSigning(loadConfig({ DATA_DIR: join(dir, 'dev') }), silent);
    expect(signing.isTest).toBe(true);
    expect(signing.timestampAuthority).toBeUndefined();
    const a = await signing.signerFor({ code: 'a', name: 'Unit A' });
    const b = await signing.signerFor({ code: 'b', name: 'Unit B' });
    expect(Buffer.from(a.certificate).equals(Buffer.from(b.certificate))).toBe(false);
    expect(signing.trustAnchors).toEqual([a.certificateChain[0]]);
  });

  it("a configured key signs for every unit, is not a test, and publishes the chain's root or the anchors file", async () => {
    const config = loadConfig({
      DATA_DIR: join(dir, 'configured'),
      SIGNING_KEY_FILE: pki.signerKey,
      SIGNING_CERT_FILE: pki.chain,
      TSA_URL: 'http://127.0.0.1:9/tsa',
    });
    const signing = await openSigning(config, silent);
    expect(signing.isTest).toBe(false);
    expect(signing.timestampAuthority).toBeDefined();
    expect(await signing.signerFor({ code: 'a', name: 'A' })).toBe(await signing.signerFor({ code: 'b', name: 'B' }));
    const root = decodePemBlocks(await readFile(pki.rootCertificate, 'utf8'))[0]?.der;
    expect(signing.trustAnchors).toEqual([root]);

    const anchorsFile = join(dir, 'anchors.pem');
    await writeFile(anchorsFile, await readFile(pki.intermediateCertificate, 'utf8'));
    const withAnchors = await openSigning({ ...config, SIGNING_TRUST_ANCHORS_FILE: anchorsFile }, silent);
    expect(withAnchors.trustAnchors).toEqual([decodePemBlocks(await readFile(anchorsFile, 'utf8'))[0]?.der]);
  });

  it('a configured key that cannot be read stops the start with the file named', async () => {
    const config = loadConfig({ SIGNING_KEY_FILE: pki.chain, SIGNING_CERT_FILE: pki.chain });
    await expect(openSigning(config, silent)).rejects.toThrow(/is not an unencrypted PEM private key/);
  });
});
