import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openssl } from './openssl.ts';

/**
 * Certificates made by OpenSSL itself for the signing tests: a test root CA, an intermediate and
 * a signer with the document-signing profile (no EKU; digitalSignature + nonRepudiation), so
 * ePeople's backends are tested against keys it did not make.
 */
export interface TestPki {
  dir: string;
  /** PEM files. */
  rootCertificate: string;
  intermediateCertificate: string;
  signerKey: string;
  signerCertificate: string;
  /** Signer, intermediate and root certificates in one PEM file, in that order. */
  chain: string;
}

export type TestKeyType = 'ec' | 'rsa';

export async function makeTestPki(dir: string, keyType: TestKeyType, name = 'signer'): Promise<TestPki> {
  const path = (file: string) => join(dir, `${name}-${file}`);
  const newKey = keyType === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  const caExtensions = path('ca.ext');
  await writeFile(
    caExtensions,
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  const signerExtensions = path('signer.ext');
  await writeFile(
    signerExtensions,
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );

  openssl([
    'req',
    '-x509',
    ...newKey,
    '-nodes',
    '-keyout',
    path('root.key'),
    '-out',
    path('root.pem'),
    '-days',
    '30',
    '-subj',
    `/CN=OpenSSL test root (${name})`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  issue(path, newKey, 'intermediate', `/CN=OpenSSL test intermediate (${name})`, 'root', caExtensions);
  issue(path, newKey, 'signer', `/CN=OpenSSL test signer (${name})/O=ePeople tests`, 'intermediate', signerExtensions);
  const chain = path('chain.pem');
  const parts = await Promise.all(
    ['signer.pem', 'intermediate.pem', 'root.pem'].map((file) => readFile(path(file), 'utf8')),
  );
  await writeFile(chain, parts.join(''));
  return {
    dir,
    rootCertificate: path('root.pem'),
    intermediateCertificate: path('intermediate.pem'),
    signerKey: path('signer.key'),
    signerCertificate: path('signer.pem'),
    chain,
  };
}

function issue(
  path: (file: string) => string,
  newKey: string[],
  role: string,
  subject: string,
  issuer: string,
  extensions: string,
): void {
  openssl([
    'req',
    '-new',
    ...newKey,
    '-nodes',
    '-keyout',
    path(`${role}.key`),
    '-out',
    path(`${role}.csr`),
    '-subj',
    subject,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    path(`${role}.csr`),
    '-CA',
    path(`${issuer}.pem`),
    '-CAkey',
    path(`${issuer}.key`),
    '-CAcreateserial',
    '-days',
    '30',
    '-sha256',
    '-extfile',
    extensions,
    '-out',
    path(`${role}.pem`),
  ]);
}
