import { createPublicKey, type KeyObject, sign, X509Certificate } from 'node:crypto';
import type { Signer, SignerKeyType } from './signer.ts';

/**
 * A Signer over a private key held in this process (a PKCS#8 file, a PKCS#12 file, the
 * development CA). ECDSA signatures come out DER-encoded, as CMS and PDF require.
 */
export function createKeyObjectSigner(
  privateKey: KeyObject,
  certificate: Uint8Array,
  certificateChain: Uint8Array[],
): Signer {
  const keyType = keyTypeOf(privateKey);
  assertKeyMatchesCertificate(privateKey, certificate);
  return {
    certificate,
    certificateChain,
    keyType,
    signatureAlgorithm: keyType === 'EC' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
    async sign(data, algorithm) {
      if (algorithm !== 'SHA-256') throw new Error(`unsupported digest ${String(algorithm)}`);
      return new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
    },
  };
}

function keyTypeOf(privateKey: KeyObject): SignerKeyType {
  if (privateKey.type !== 'private') throw new Error('a signer needs a private key');
  if (privateKey.asymmetricKeyType === 'ec') return 'EC';
  if (privateKey.asymmetricKeyType === 'rsa') return 'RSA';
  // Ed25519 and RSA-PSS keys cannot sign CMS or PDF signatures that OpenSSL and poppler verify.
  throw new Error(`unsupported signing key type ${privateKey.asymmetricKeyType ?? 'unknown'}`);
}

/** A key paired with someone else's certificate would sign signatures nobody can verify. */
export function assertKeyMatchesCertificate(privateKey: KeyObject, certificate: Uint8Array): void {
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const fromCertificate = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  if (!fromKey.equals(fromCertificate)) {
    throw new Error('the signing key does not match the signing certificate');
  }
}
