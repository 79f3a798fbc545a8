/**
 * The one signing interface of ePeople. Every backend (a PKCS#8 key file, a PKCS#12 file, a
 * PKCS#11 token or HSM, the development CA) implements it, and every signature format (the PAdES
 * letter, the detached CMS record) uses only it, so a key never has to leave its backend.
 * Its shape is structurally the one @libpdf/core expects, so a Signer can be handed to it as is.
 */
export type SignerKeyType = 'RSA' | 'EC';
export type SignerSignatureAlgorithm = 'RSASSA-PKCS1-v1_5' | 'ECDSA';

export interface Signer {
  /** DER of the signing certificate. */
  readonly certificate: Uint8Array;
  /** DER of the issuing certificates, from the signer's issuer up to the root (embedded in every signature). */
  readonly certificateChain: Uint8Array[];
  readonly keyType: SignerKeyType;
  readonly signatureAlgorithm: SignerSignatureAlgorithm;
  /**
   * Hashes `data` with the digest named and signs it: PKCS#1 v1.5 bytes for RSA, a DER
   * SEQUENCE { r, s } for ECDSA (never raw r‖s).
   */
  sign(data: Uint8Array, algorithm: 'SHA-256'): Promise<Uint8Array>;
}
