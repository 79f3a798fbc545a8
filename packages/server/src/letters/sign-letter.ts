import type { TimestampAuthority } from '@libpdf/core';
import type { Signer } from '../signing/signer.ts';

/**
 * Signs a rendered letter as PAdES: an incremental update with a CAdES detached CMS
 * (ETSI.CAdES.detached, ESS signing-certificate-v2, the chain embedded) over the ByteRange.
 * Baseline B-B; B-T when a timestamp authority is given (an RFC 3161 token over the signature
 * value). Signing runs on the caller's thread: the key may live in an HSM.
 */
export interface SignLetterOptions {
  /** Gives PAdES B-T; without it B-B. */
  tsa?: TimestampAuthority;
  reason: string;
  location: string;
  /** Shown by readers beside the signature (the verification address fits). */
  contactInfo?: string;
  /** The signing time claimed in the CMS; the TSA's token proves a time independently. Default now. */
  signingTime?: Date;
}

/** The signature field's name: readers list it, the public verifier reports it. */
export const LETTER_SIGNATURE_FIELD = 'ePeople answer signature';

/** CMS without certificates, signed attributes and the signature itself. */
const CMS_BASE_BYTES = 4096;
/** An RFC 3161 token carries its own signed attributes and the TSA's certificate chain. */
const TIMESTAMP_TOKEN_BYTES = 8192;

export async function signLetter(pdf: Uint8Array, signer: Signer, options: SignLetterOptions): Promise<Uint8Array> {
  // The PDF library (~20 modules) loads on the first signature, not at start (docs/operations.md).
  const { PlaceholderError } = await import('@libpdf/core');
  const chainBytes = [signer.certificate, ...signer.certificateChain].reduce((sum, der) => sum + der.length, 0);
  const estimatedSize = CMS_BASE_BYTES + chainBytes + (options.tsa ? TIMESTAMP_TOKEN_BYTES : 0);
  try {
    return await signOnce(pdf, signer, options, estimatedSize);
  } catch (error) {
    // A timestamp authority with an unusually long chain: one more try with room to spare.
    if (!(error instanceof PlaceholderError)) throw error;
    return signOnce(pdf, signer, options, estimatedSize * 4);
  }
}

async function signOnce(pdf: Uint8Array, signer: Signer, options: SignLetterOptions, estimatedSize: number) {
  const { PDF } = await import('@libpdf/core');
  const document = await PDF.load(pdf);
  const { bytes } = await document.sign({
    signer,
    level: options.tsa ? 'B-T' : 'B-B',
    ...(options.tsa ? { timestampAuthority: options.tsa } : {}),
    reason: options.reason,
    location: options.location,
    ...(options.contactInfo ? { contactInfo: options.contactInfo } : {}),
    signingTime: options.signingTime ?? new Date(),
    fieldName: LETTER_SIGNATURE_FIELD,
    estimatedSize,
  });
  return bytes;
}
