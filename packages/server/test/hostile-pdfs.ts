/**
 * Hostile PDFs for the public verifier (docs/pdf-verification.md), made from a genuine signed
 * letter so that everything but the attack is real. Used by test/security/pdf-verify-bounds.test.ts
 * and by the bench.
 */

/** The letter's own `/ByteRange [a b c d]`, as written. */
export function byteRangeOf(letter: Uint8Array): string {
  const match = /\/ByteRange\s*\[[^\]]*\]/.exec(Buffer.from(letter).toString('latin1'));
  if (!match) throw new Error('the letter has no /ByteRange');
  return match[0];
}

/**
 * The letter followed by `count` copies of its /ByteRange (about 40 bytes each), every one
 * pointing at the genuine signed ranges: each copy asked the old reader to copy those ranges,
 * decode the CMS and scan the file again (issue 7 §4: 1.2 MB held the event loop for 22 s).
 */
export function pdfWithRepeatedByteRanges(letter: Uint8Array, count: number): Uint8Array {
  const entry = `${byteRangeOf(letter)}\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(letter), Buffer.from(`\n${entry.repeat(count)}%%EOF\n`, 'latin1')]));
}

/** Enough copies of the letter's /ByteRange to make the file about `bytes` long. */
export function pdfWithRepeatedByteRangesOfSize(letter: Uint8Array, bytes: number): Uint8Array {
  return pdfWithRepeatedByteRanges(letter, Math.ceil((bytes - letter.length) / (byteRangeOf(letter).length + 1)));
}

/**
 * The letter after `count` empty objects, each holding a field reference (`/V n 0 R`): every
 * token the reader stops at, with no early refusal, so the whole file is read.
 */
export function pdfWithManyObjects(letter: Uint8Array, count: number): Uint8Array {
  const objects = Array.from({ length: count }, (_, i) => `${100_000 + i} 0 obj << /V ${i} 0 R /T (f${i}) >> endobj\n`);
  return new Uint8Array(Buffer.concat([Buffer.from(letter), Buffer.from(`\n${objects.join('')}%%EOF\n`, 'latin1')]));
}

/** The letter with its /ByteRange rewritten so that the second range runs far past the end of the file. */
export function pdfWithByteRangeOutsideTheFile(letter: Uint8Array): Uint8Array {
  const text = Buffer.from(letter).toString('latin1');
  const original = byteRangeOf(letter);
  const [, start1, length1, start2] = /\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(original) ?? [];
  const outside = `/ByteRange [${start1} ${length1} ${start2} 999999999999999]`;
  return new Uint8Array(Buffer.from(text.replace(original, outside), 'latin1'));
}
