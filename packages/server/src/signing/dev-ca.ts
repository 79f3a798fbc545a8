import { createPrivateKey, type KeyObject, X509Certificate as NodeCertificate } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonName } from '@peculiar/x509';
import { createKeyObjectSigner } from './key-object-signer.ts';
import { decodePemBlocks, encodePem } from './pem.ts';
import type { Signer } from './signer.ts';

/**
 * The development certification authority: when no signing key is configured (never in
 * production, the config refuses that), ePeople makes a local root CA and one ECDSA P-256
 * certificate per signing unit, so letters and answer records are really signed and verifiable
 * in development and tests. Every name says TEST. Keys live in DATA_DIR/keys/ (directory 0700,
 * files 0600) and are reused on later starts.
 */
export interface DevelopmentSigning {
  /** DER of the test root CA: the trust anchor to publish (and to give `openssl -CAfile`). */
  rootCertificate: Uint8Array;
  signerFor(unit: SigningUnit): Promise<Signer>;
}

export interface SigningUnit {
  code: string;
  name: string;
}

const ROOT_FILE = 'dev-root-ca.pem';
/** The root certificate alone, for people verifying by hand: `openssl cms -verify -CAfile keys/dev-root-ca.cert.pem`. */
const ROOT_CERTIFICATE_FILE = 'dev-root-ca.cert.pem';
const ROOT_NAME = 'ePeople TEST root CA — not for production';
const ORGANIZATION = 'ePeople TEST — not for production';
const ROOT_YEARS = 10;
const UNIT_YEARS = 3;
/** Reissue a little before expiry so a letter is never signed with a certificate about to lapse. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
const UNIT_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** RFC 5280 ub-common-name. */
const COMMON_NAME_MAX = 64;
const TEST_SUFFIX = ' (TEST)';
const EC_KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

interface KeyAndCertificate {
  privateKey: KeyObject;
  certificate: Uint8Array;
}

export async function openDevelopmentSigning(dataDir: string): Promise<DevelopmentSigning> {
  const keysDir = join(dataDir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  await chmod(keysDir, 0o700);
  const root = await loadOrCreateRoot(keysDir);
  await writeFileAtomically(join(keysDir, ROOT_CERTIFICATE_FILE), encodePem('CERTIFICATE', root.certificate), true);
  const signers = new Map<string, Promise<Signer>>();

  return {
    rootCertificate: root.certificate,
    signerFor(unit) {
      if (!UNIT_CODE.test(unit.code)) throw new Error(`not a unit code: ${JSON.stringify(unit.code)}`);
      // Keyed by name too: a renamed unit gets a certificate with its new name.
      const cacheKey = `${unit.code}\n${unit.name}`;
      let signer = signers.get(cacheKey);
      if (!signer) {
        signer = loadOrCreateUnit(keysDir, root, unit).then((own) =>
          createKeyObjectSigner(own.privateKey, own.certificate, [root.certificate]),
        );
        signer.catch(() => signers.delete(cacheKey));
        signers.set(cacheKey, signer);
      }
      return signer;
    },
  };
}

async function loadOrCreateRoot(keysDir: string): Promise<KeyAndCertificate> {
  const path = join(keysDir, ROOT_FILE);
  const existing = await readKeyAndCertificate(path);
  if (existing && isCurrent(existing.certificate)) return existing;
  const created = await createRoot();
  // A concurrent first start (server and worker) may have written one already: theirs wins.
  const written = await writeFileAtomically(path, toPem(created), existing !== undefined);
  return written ? created : await readRequired(path);
}

async function loadOrCreateUnit(
  keysDir: string,
  root: KeyAndCertificate,
  unit: SigningUnit,
): Promise<KeyAndCertificate> {
  const path = join(keysDir, `dev-unit-${unit.code}.pem`);
  const commonName = unitCommonName(unit.name);
  const existing = await readKeyAndCertificate(path);
  if (
    existing &&
    isCurrent(existing.certificate) &&
    isIssuedBy(existing.certificate, root) &&
    (await hasCommonName(existing.certificate, commonName))
  ) {
    return existing;
  }
  const created = await createUnit(root, unit, commonName);
  const written = await writeFileAtomically(path, toPem(created), existing !== undefined);
  return written ? created : await readRequired(path);
}

/**
 * The certificate builder (@peculiar/x509 and its ASN.1 stack, ~100 modules) loads only to make
 * or check a certificate, never on a start that finds its root (docs/operations.md, "Start-up
 * and memory").
 */
const loadX509 = () => import('./peculiar-x509.ts');

async function createRoot(): Promise<KeyAndCertificate> {
  const {
    BasicConstraintsExtension,
    KeyUsageFlags,
    KeyUsagesExtension,
    SubjectKeyIdentifierExtension,
    X509CertificateGenerator,
  } = await loadX509();
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const name: JsonName = [{ CN: [ROOT_NAME] }, { O: [ORGANIZATION] }];
  const certificate = await X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    notBefore: startOfValidity(),
    notAfter: yearsFromNow(ROOT_YEARS),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKey: await toKeyObject(keys.privateKey), certificate: new Uint8Array(certificate.rawData) };
}

async function createUnit(root: KeyAndCertificate, unit: SigningUnit, commonName: string): Promise<KeyAndCertificate> {
  const {
    AuthorityKeyIdentifierExtension,
    BasicConstraintsExtension,
    KeyUsageFlags,
    KeyUsagesExtension,
    SubjectKeyIdentifierExtension,
    X509Certificate,
    X509CertificateGenerator,
  } = await loadX509();
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const rootCertificate = new X509Certificate(new Uint8Array(root.certificate));
  const rootSigningKey = await crypto.subtle.importKey(
    'pkcs8',
    root.privateKey.export({ type: 'pkcs8', format: 'der' }),
    EC_KEY,
    false,
    ['sign'],
  );
  const notAfter = yearsFromNow(UNIT_YEARS);
  const certificate = await X509CertificateGenerator.create({
    subject: [{ CN: [commonName] }, { OU: [unit.code] }, { O: [ORGANIZATION] }],
    issuer: rootCertificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: rootSigningKey,
    notBefore: startOfValidity(),
    notAfter: new Date(Math.min(notAfter.getTime(), rootCertificate.notAfter.getTime())),
    signingAlgorithm: SIGNING_ALGORITHM,
    // The profile document signatures need: no extended key usage (OpenSSL and NSS refuse a
    // certificate whose only EKU is documentSigning), digitalSignature + nonRepudiation, not a CA.
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation, true),
      await SubjectKeyIdentifierExtension.create(keys.publicKey),
      await AuthorityKeyIdentifierExtension.create(rootCertificate.publicKey),
    ],
  });
  return { privateKey: await toKeyObject(keys.privateKey), certificate: new Uint8Array(certificate.rawData) };
}

function unitCommonName(unitName: string): string {
  const room = COMMON_NAME_MAX - TEST_SUFFIX.length;
  const name = [...unitName.trim()].slice(0, room).join('');
  return `${name}${TEST_SUFFIX}`;
}

function isCurrent(certificate: Uint8Array): boolean {
  return new NodeCertificate(certificate).validToDate.getTime() - Date.now() > RENEW_BEFORE_MS;
}

function isIssuedBy(certificate: Uint8Array, root: KeyAndCertificate): boolean {
  const rootCertificate = new NodeCertificate(root.certificate);
  return new NodeCertificate(certificate).verify(rootCertificate.publicKey);
}

async function hasCommonName(certificate: Uint8Array, commonName: string): Promise<boolean> {
  const { X509Certificate } = await loadX509();
  return new X509Certificate(new Uint8Array(certificate)).subjectName.getField('CN')[0] === commonName;
}

/** Backdated an hour so a verifier whose clock lags a little does not see "not yet valid". */
function startOfValidity(): Date {
  return new Date(Date.now() - 3600 * 1000);
}

function yearsFromNow(years: number): Date {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date;
}

async function toKeyObject(privateKey: CryptoKey): Promise<KeyObject> {
  const der = await crypto.subtle.exportKey('pkcs8', privateKey);
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

function toPem({ privateKey, certificate }: KeyAndCertificate): string {
  const keyDer = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  return encodePem('PRIVATE KEY', keyDer) + encodePem('CERTIFICATE', certificate);
}

async function readKeyAndCertificate(path: string): Promise<KeyAndCertificate | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const blocks = decodePemBlocks(text);
  const key = blocks.find((block) => block.label === 'PRIVATE KEY');
  const certificate = blocks.find((block) => block.label === 'CERTIFICATE');
  if (!key || !certificate) throw new Error(`${path} must hold a PRIVATE KEY and a CERTIFICATE`);
  const privateKey = createPrivateKey({ key: Buffer.from(key.der), format: 'der', type: 'pkcs8' });
  return { privateKey, certificate: certificate.der };
}

async function readRequired(path: string): Promise<KeyAndCertificate> {
  const found = await readKeyAndCertificate(path);
  if (!found) throw new Error(`${path} vanished while being created`);
  return found;
}

/**
 * Writes through a temporary file so no reader ever sees half a key. `replace` false creates
 * only if absent (link fails on an existing name) and answers whether this call wrote it.
 */
async function writeFileAtomically(path: string, text: string, replace: boolean): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  try {
    if (replace) {
      await rename(temporary, path);
      return true;
    }
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}
