import { AppError } from '../http/app-error.ts';

/**
 * The bounds within which the public verifier reads a PDF's signatures. Anyone may send any
 * bytes to `POST /api/v1/verify`; these keep the work per request proportional to the file's
 * size, and small in absolute terms. Why each value: docs/pdf-verification.md.
 */

/** An answer letter carries one signature, a document timestamp may follow, and a few later
 * countersignatures are conceivable; a file naming more /ByteRange entries is an attack. */
export const MAX_SIGNATURES = 16;

/** A CMS with a full chain, a timestamp token and revocation data is 16–32 KiB (signing-facts.md
 * advises reserving 16 KiB or more): twice the largest seen leaves room without inviting abuse. */
export const MAX_SIGNATURE_CMS_BYTES = 64 * 1024;

/** The gap between the signed ranges holds `<hex>`: two hex digits a byte, the brackets, and
 * some whitespace (line breaks that writers may insert). A larger gap is refused as too complex. */
export const MAX_SIGNATURE_GAP_CHARS = 2 * MAX_SIGNATURE_CMS_BYTES + 4096;

/** How much of a signature dictionary is read for /SubFilter, /Reason, /M and the like: its
 * /Contents plus far more than the few short keys a signer writes. */
export const MAX_SIGNATURE_DICTIONARY_CHARS = MAX_SIGNATURE_GAP_CHARS + 16 * 1024;

/** How much of a field dictionary is read for its name (/T). */
export const MAX_FIELD_DICTIONARY_CHARS = 16 * 1024;

/** References `/V n g R` remembered while reading (to name signature fields): a form of that many
 * object-valued fields is already far beyond an answer letter; past it, names are not looked for. */
export const MAX_FIELD_REFERENCES = 4096;

/** Fields read for the name of one signature: one is normal; a few more tolerate odd writers. */
export const MAX_FIELDS_PER_SIGNATURE = 4;

/** Whitespace runs matched inside a token (`12 0 obj`, `/ByteRange [ … ]`): bounded so that no
 * run of spaces is scanned more than a fixed number of times. */
export const MAX_TOKEN_WHITESPACE = 32;

export const createDocumentTooComplexError = (reason: string) =>
  new AppError('verify.document_too_complex', {
    detail: `This file goes beyond what an answer letter can be (${reason}); it was not verified.`,
  });
