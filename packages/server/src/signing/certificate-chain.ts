import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

/**
 * Picks the signing certificate out of the certificates a backend offers (a PEM bundle, a
 * PKCS#12 file, a token) and orders its issuers from the signer's own issuer up to the root, the
 * order every signature embeds them in. Certificates outside the signer's path are left out.
 */
export interface SignerCertificates {
  certificate: Uint8Array;
  certificateChain: Uint8Array[];
}

export function selectSignerCertificates(publicKey: KeyObject, certificates: Uint8Array[]): SignerCertificates {
  const wanted = publicKey.export({ type: 'spki', format: 'der' });
  const parsed = certificates.map((der) => ({ der, certificate: new X509Certificate(der) }));
  const leaf = parsed.find(({ certificate }) =>
    certificate.publicKey.export({ type: 'spki', format: 'der' }).equals(wanted),
  );
  if (!leaf) throw new Error('none of the certificates given belongs to the signing key');

  const chain: Uint8Array[] = [];
  let current = leaf.certificate;
  const used = new Set([leaf]);
  while (current.issuer !== current.subject) {
    const issuer = parsed.find(
      (candidate) =>
        !used.has(candidate) &&
        current.checkIssued(candidate.certificate) &&
        current.verify(candidate.certificate.publicKey),
    );
    if (!issuer) break; // the rest of the path is known to verifiers as a trust anchor
    chain.push(issuer.der);
    used.add(issuer);
    current = issuer.certificate;
  }
  return { certificate: leaf.der, certificateChain: chain };
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
