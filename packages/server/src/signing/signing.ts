import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TimestampAuthority } from '@libpdf/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { openDevelopmentSigning, type SigningUnit } from './dev-ca.ts';
import { loadKeyFileSigner } from './key-file-signer.ts';
import { decodePemBlocks } from './pem.ts';
import type { Signer } from './signer.ts';

/**
 * The signing setup of a running ePeople, opened once from the configuration: which key signs
 * for a unit, which roots a verifier should trust, whether the signatures are only tests, and
 * the time-stamping authority if there is one.
 */
export interface Signing {
  /** A configured key signs for every unit; the development CA has one certificate per unit. */
  signerFor(unit: SigningUnit): Promise<Signer>;
  /** DER root certificates published on the verification page. */
  trustAnchors: Uint8Array[];
  /** True with the development CA: nothing it signs is valid outside a test. */
  isTest: boolean;
  timestampAuthority?: TimestampAuthority;
  /** Releases a PKCS#11 session (at shutdown); nothing to do for the other backends. */
  close(): void;
}

export type SigningConfig = Pick<
  Config,
  | 'isProduction'
  | 'DATA_DIR'
  | 'SIGNING_KEY_FILE'
  | 'SIGNING_CERT_FILE'
  | 'SIGNING_P12_FILE'
  | 'SIGNING_P12_PASSWORD'
  | 'SIGNING_PKCS11_MODULE'
  | 'SIGNING_PKCS11_TOKEN_LABEL'
  | 'SIGNING_PKCS11_PIN'
  | 'SIGNING_PKCS11_KEY_LABEL'
  | 'SIGNING_TRUST_ANCHORS_FILE'
  | 'TSA_URL'
>;

/**
 * Each backend's code (PKCS#11's native module, PKCS#12's and the time-stamp client's ASN.1
 * stack) loads only when the configuration uses it: start-up loads what it opens, nothing more
 * (docs/operations.md, "Start-up and memory").
 */
export async function openSigning(config: SigningConfig, logger: FastifyBaseLogger): Promise<Signing> {
  const timestampAuthority = config.TSA_URL
    ? (await import('./timestamp-authority.ts')).createTimestampAuthority(config.TSA_URL)
    : undefined;
  const configuredAnchors = config.SIGNING_TRUST_ANCHORS_FILE
    ? await readTrustAnchors(config.SIGNING_TRUST_ANCHORS_FILE)
    : undefined;
  const optional = timestampAuthority ? { timestampAuthority } : {};

  const configured = await openConfiguredSigner(config);
  if (configured) {
    const { signer, close } = configured;
    const trustAnchors = configuredAnchors ?? selfSignedTop(signer);
    if (trustAnchors.length === 0) {
      logger.warn(
        'signing: no SIGNING_TRUST_ANCHORS_FILE and no root in the chain: verifiers will not find a trusted root',
      );
    }
    logger.info(
      { subject: new X509Certificate(signer.certificate).subject.replaceAll('\n', ', ') },
      'signing with the configured key',
    );
    return { signerFor: async () => signer, trustAnchors, isTest: false, close, ...optional };
  }

  if (config.isProduction) throw new Error('a signing key is required in production'); // the config refuses first
  const development = await openDevelopmentSigning(config.DATA_DIR);
  logger.warn('signing with the development CA in DATA_DIR/keys: TEST signatures, not valid outside a test');
  return {
    signerFor: (unit) => development.signerFor(unit),
    trustAnchors: [development.rootCertificate, ...(configuredAnchors ?? [])],
    isTest: true,
    close() {},
    ...optional,
  };
}

async function openConfiguredSigner(config: SigningConfig): Promise<{ signer: Signer; close(): void } | undefined> {
  if (config.SIGNING_KEY_FILE && config.SIGNING_CERT_FILE) {
    const signer = await loadKeyFileSigner({
      keyFile: config.SIGNING_KEY_FILE,
      certificateFile: config.SIGNING_CERT_FILE,
    });
    return { signer, close() {} };
  }
  if (config.SIGNING_P12_FILE && config.SIGNING_P12_PASSWORD !== undefined) {
    const { loadPkcs12Signer } = await import('./pkcs12-signer.ts');
    const signer = await loadPkcs12Signer({ file: config.SIGNING_P12_FILE, password: config.SIGNING_P12_PASSWORD });
    return { signer, close() {} };
  }
  if (
    config.SIGNING_PKCS11_MODULE &&
    config.SIGNING_PKCS11_TOKEN_LABEL &&
    config.SIGNING_PKCS11_PIN &&
    config.SIGNING_PKCS11_KEY_LABEL
  ) {
    const { openPkcs11Signer } = await import('./pkcs11-signer.ts');
    return openPkcs11Signer({
      modulePath: config.SIGNING_PKCS11_MODULE,
      tokenLabel: config.SIGNING_PKCS11_TOKEN_LABEL,
      pin: config.SIGNING_PKCS11_PIN,
      keyLabel: config.SIGNING_PKCS11_KEY_LABEL,
      ...(config.SIGNING_CERT_FILE ? { certificateFile: config.SIGNING_CERT_FILE } : {}),
    });
  }
  return undefined;
}

async function readTrustAnchors(path: string): Promise<Uint8Array[]> {
  const anchors = decodePemBlocks(await readFile(path, 'utf8'))
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
  if (anchors.length === 0) throw new Error(`${path} (SIGNING_TRUST_ANCHORS_FILE) holds no PEM CERTIFICATE`);
  for (const der of anchors) new X509Certificate(der); // a damaged anchor fails at start, not at the first verification
  return anchors;
}

/** Without a configured anchors file, a self-signed root at the top of the configured chain is the anchor. */
function selfSignedTop(signer: Signer): Uint8Array[] {
  const top = signer.certificateChain.at(-1);
  if (!top) return [];
  const certificate = new X509Certificate(top);
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey) ? [top] : [];
}
