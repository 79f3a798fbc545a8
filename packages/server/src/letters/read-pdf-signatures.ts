import { AppError } from '../http/app-error.ts';
import { dictionaryValue, parsePdfDate } from './pdf-syntax.ts';

/**
 * Finds every signature of a PDF (ours or anyone's) and cuts out what a verifier needs: the
 * bytes its /ByteRange covers, the CMS in /Contents, and what the signature dictionary says.
 * It does not judge the signature (the CMS verifier does). Any bytes at all may come in from the
 * public verifier: a file that is not a PDF is refused with `verify.not_a_pdf`; a signature whose
 * byte range is unreadable or points outside the file is left out; nothing else throws.
 */
export interface PdfSignatureFound {
  /** The signature field's /T, when the field can be found. */
  fieldName: string | null;
  subFilter: string | null;
  /** A document timestamp (RFC 3161 token over the file), not a signer's signature. */
  isDocumentTimestamp: boolean;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  /** The signing time the signer claims in /M (not proven: the CMS and its timestamp say more). */
  claimedSigningTime: Date | null;
  byteRange: [number, number, number, number];
  /** The two covered ranges, joined: what the CMS signs. */
  signedBytes: Uint8Array;
  /** DER of the CMS SignedData, without the placeholder's zero padding. */
  cms: Uint8Array;
  /** The ranges start at the first byte and end at the last: nothing was added after signing. */
  coversWholeDocument: boolean;
}

const HEADER_SEARCH_BYTES = 1024;
const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/g;

export function readPdfSignatures(pdf: Uint8Array): PdfSignatureFound[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.slice(0, HEADER_SEARCH_BYTES).includes('%PDF-')) {
    throw new AppError('verify.not_a_pdf', { detail: 'The file is not a PDF document.' });
  }
  const found: PdfSignatureFound[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [start1, length1, start2, length2] = byteRange;
    const gapStart = start1 + length1;
    if (start1 !== 0 || gapStart > start2 || start2 + length2 > pdf.byteLength) continue;
    const cms = cmsInGap(text.slice(gapStart, start2));
    if (!cms) continue;
    const signedBytes = new Uint8Array(length1 + length2);
    signedBytes.set(pdf.subarray(start1, gapStart), 0);
    signedBytes.set(pdf.subarray(start2, start2 + length2), length1);
    const { dictionary, objectNumber } = enclosingObject(text, match.index);
    const subFilter = dictionaryValue(dictionary, 'SubFilter');
    found.push({
      fieldName: objectNumber === null ? null : fieldNameOf(text, objectNumber),
      subFilter,
      isDocumentTimestamp: dictionaryValue(dictionary, 'Type') === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161',
      reason: dictionaryValue(dictionary, 'Reason'),
      location: dictionaryValue(dictionary, 'Location'),
      contactInfo: dictionaryValue(dictionary, 'ContactInfo'),
      claimedSigningTime: parsePdfDate(dictionaryValue(dictionary, 'M')),
      byteRange,
      signedBytes,
      cms,
      coversWholeDocument: start2 + length2 === pdf.byteLength,
    });
  }
  return found;
}

/** The gap between the ranges holds exactly `<hex>`: the CMS, padded with zeros up to its reserved size. */
function cmsInGap(gap: string): Uint8Array | null {
  const hex = /^\s*<([0-9a-fA-F\s]*)>\s*$/.exec(gap)?.[1]?.replace(/\s/g, '');
  if (!hex || hex.length % 2 !== 0) return null;
  const bytes = Buffer.from(hex, 'hex');
  return new Uint8Array(bytes.subarray(0, derLength(bytes) ?? bytes.length));
}

/** Length of the DER element at the start (tag, length, content), or null if it does not parse. */
function derLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2) return null;
  const first = bytes[1] as number;
  if (first < 0x80) return 2 + first;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || bytes.length < 2 + lengthBytes) return null;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (bytes[2 + i] as number);
  const total = 2 + lengthBytes + length;
  return total <= bytes.length ? total : null;
}

/** The `N G obj … endobj` text around an offset, and N. */
function enclosingObject(text: string, offset: number): { dictionary: string; objectNumber: number | null } {
  const before = text.lastIndexOf(' obj', offset);
  const header = before < 0 ? null : /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, before - 24), before));
  const start = before < 0 ? offset : before;
  const endobj = text.indexOf('endobj', offset);
  return {
    dictionary: text.slice(start, endobj < 0 ? text.length : endobj),
    objectNumber: header ? Number(header[1]) : null,
  };
}

/** The /T of the field whose /V points at the signature dictionary `objectNumber`. */
function fieldNameOf(text: string, objectNumber: number): string | null {
  const reference = new RegExp(`/V\\s+${objectNumber}\\s+\\d+\\s+R(?!\\d)`, 'g');
  for (const match of text.matchAll(reference)) {
    const { dictionary } = enclosingObject(text, match.index);
    const name = dictionaryValue(dictionary, 'T');
    if (name !== null) return name;
  }
  return null;
}
