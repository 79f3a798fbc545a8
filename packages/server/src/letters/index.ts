/** What other modules may use from letters: render an answer letter, sign it, read signatures back. */
export type { Letter } from './letter.ts';
export { createLetterRenderPool, type LetterRenderPool } from './letter-render-pool.ts';
export { createDocumentTooComplexError } from './pdf-signature-limits.ts';
export { type PdfSignatureFound, readPdfSignatures } from './read-pdf-signatures.ts';
export { closeLetterRendering, renderLetter, renderLetterInThisThread } from './render-letter.ts';
export { LETTER_SIGNATURE_FIELD, type SignLetterOptions, signLetter } from './sign-letter.ts';
