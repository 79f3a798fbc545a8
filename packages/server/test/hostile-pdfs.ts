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

/** The letter with its /ByteRange rewritten so that the second range runs far past the end of the file. */
export function pdfWithByteRangeOutsideTheFile(letter: Uint8Array): Uint8Array {
  const text = Buffer.from(letter).toString('latin1');
  const original = byteRangeOf(letter);
  const [, start1, length1, start2] = /\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(original) ?? [];
  const outside = `/ByteRange [${start1} ${length1} ${start2} 999999999999999]`;
  return new Uint8Array(Buffer.from(text.replace(original, outside), 'latin1'));
}
