import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { publicKeyOf, selectSignerCertificates } from './certificate-chain.ts';
import { createKeyObjectSigner } from './key-object-signer.ts';
import type { Signer } from './signer.ts';

const CERTIFICATE_BAG = '1.2.840.113549.1.12.10.1.3';
const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';

/**
 * Signs with a PKCS#12 file and its password (SIGNING_P12_FILE + SIGNING_P12_PASSWORD). Parsed in
 * JavaScript with pkijs (node-forge cannot read EC keys); the encrypted key bag is decrypted by
 * OpenSSL through node:crypto. Files made by OpenSSL 3 (PBES2, AES) load; the `-legacy` RC2
 * encryption of old tools does not: re-export such a file with `openssl pkcs12 -export`.
 */
export async function loadPkcs12Signer(options: { file: string; password: string }): Promise<Signer> {
  const contents = await readPkcs12(await readFile(options.file), options.password, options.file);
  if (contents.keys.length !== 1) {
    throw new Error(`${options.file} must hold exactly one private key (found ${contents.keys.length})`);
  }
  const [privateKey] = contents.keys as [KeyObject];
  const { certificate, certificateChain } = selectSignerCertificates(publicKeyOf(privateKey), contents.certificates);
  return createKeyObjectSigner(privateKey, certificate, certificateChain);
}

interface Pkcs12Contents {
  keys: KeyObject[];
  certificates: Uint8Array[];
}

async function readPkcs12(der: Uint8Array, password: string, fileName: string): Promise<Pkcs12Contents> {
  const passwordBytes = new TextEncoder().encode(password).buffer;
  const pfx = pkijs.PFX.fromBER(new Uint8Array(der));
  try {
    // checkIntegrity verifies the MAC: a wrong password fails here, before any decryption.
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: true });
  } catch (error) {
    throw new Error(`${fileName}: wrong password or damaged PKCS#12 (${(error as Error).message})`);
  }
  const authenticatedSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authenticatedSafe) throw new Error(`${fileName}: a PKCS#12 without password integrity is not supported`);
  try {
    await authenticatedSafe.parseInternalValues({
      safeContents: authenticatedSafe.safeContents.map(() => ({ password: passwordBytes })),
    });
  } catch (error) {
    throw new Error(
      `${fileName}: cannot decrypt (${(error as Error).message}); re-export it with OpenSSL 3's default AES encryption`,
    );
  }

  const contents: Pkcs12Contents = { keys: [], certificates: [] };
  for (const safeContents of authenticatedSafe.parsedValue?.safeContents ?? []) {
    for (const bag of safeContents.value.safeBags) {
      if (bag.bagId === CERTIFICATE_BAG) {
        const certificateBag = bag.bagValue as pkijs.CertBag;
        if (certificateBag.certId !== X509_CERTIFICATE) continue;
        contents.certificates.push(
          new Uint8Array((certificateBag.certValue as asn1js.OctetString).valueBlock.valueHexView),
        );
      } else if (bag.bagId === SHROUDED_KEY_BAG) {
        const encrypted = Buffer.from((bag.bagValue as pkijs.PKCS8ShroudedKeyBag).toSchema().toBER());
        contents.keys.push(createPrivateKey({ key: encrypted, format: 'der', type: 'pkcs8', passphrase: password }));
      } else if (bag.bagId === KEY_BAG) {
        const plain = Buffer.from((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER());
        contents.keys.push(createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }));
      }
    }
  }
  return contents;
}
