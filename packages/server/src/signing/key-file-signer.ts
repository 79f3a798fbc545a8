import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { publicKeyOf, selectSignerCertificates } from './certificate-chain.ts';
import { createKeyObjectSigner } from './key-object-signer.ts';
import { decodePemBlocks } from './pem.ts';
import type { Signer } from './signer.ts';

/**
 * Signs with a private key file (PEM: PKCS#8, or the traditional EC/RSA forms) and a PEM file of
 * the signing certificate with its issuers, in any order (SIGNING_KEY_FILE + SIGNING_CERT_FILE).
 */
export async function loadKeyFileSigner(files: { keyFile: string; certificateFile: string }): Promise<Signer> {
  const keyText = await readFile(files.keyFile, 'utf8');
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(keyText);
  } catch (error) {
    throw new Error(`${files.keyFile} is not an unencrypted PEM private key: ${(error as Error).message}`);
  }
  const certificates = decodePemBlocks(await readFile(files.certificateFile, 'utf8'))
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
  if (certificates.length === 0) throw new Error(`${files.certificateFile} holds no PEM CERTIFICATE`);
  const { certificate, certificateChain } = selectSignerCertificates(publicKeyOf(privateKey), certificates);
  return createKeyObjectSigner(privateKey, certificate, certificateChain);
}
