import { AppError } from '../http/app-error.ts';
import {
  createDocumentTooComplexError,
  MAX_FIELD_DICTIONARY_CHARS,
  MAX_FIELD_REFERENCES,
  MAX_FIELDS_PER_SIGNATURE,
  MAX_SIGNATURE_DICTIONARY_CHARS,
  MAX_SIGNATURE_GAP_CHARS,
  MAX_SIGNATURES,
  MAX_TOKEN_WHITESPACE,
} from './pdf-signature-limits.ts';
import { dictionaryValue, parsePdfDate } from './pdf-syntax.ts';

/**
 * Finds every signature of a PDF (ours or anyone's) and cuts out what a verifier needs: the
 * bytes its /ByteRange covers, the CMS in /Contents, and what the signature dictionary says.
 * It does not judge the signature (the CMS verifier does). Any bytes at all may come in from the
 * public verifier, so the file is read in one forward pass, in time proportional to its size,
 * within the limits of pdf-signature-limits.ts (docs/pdf-verification.md): a file that is not a
 * PDF is refused with `verify.not_a_pdf`, one beyond the limits with `verify.document_too_complex`;
 * a signature whose byte range is unreadable or points outside the file is left out; nothing
 * else throws.
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
  /** The two covered ranges, as views on the file (never copied): what the CMS signs, in order. */
  signedParts: [Uint8Array, Uint8Array];
  /** The two ranges joined in a new buffer, made on each read: for tools and tests. */
  readonly signedBytes: Uint8Array;
  /** DER of the CMS SignedData, without the placeholder's zero padding. */
  cms: Uint8Array;
  /** The ranges start at the first byte and end at the last: nothing was added after signing. */
  coversWholeDocument: boolean;
}

const HEADER_SEARCH_BYTES = 1024;
/** PDF whitespace (ISO 32000-1 §7.2.2), a bounded run of it, and the end of a keyword. */
const WS = '[\\0\\t\\n\\f\\r ]';
const GAP = `${WS}{1,${MAX_TOKEN_WHITESPACE}}`;
const OPTIONAL_GAP = `${WS}{0,${MAX_TOKEN_WHITESPACE}}`;
const KEYWORD_END = '(?![A-Za-z0-9])';
/**
 * The only tokens the pass stops at: an object header `N G obj`, `endobj`, the name
 * `/ByteRange`, and a reference `/V N G R` (a field pointing at its signature). Every quantifier
 * is bounded, so the regular expression costs a constant per position of the file.
 */
const TOKENS = new RegExp(
  [
    `(?<header>\\d{1,10})${GAP}\\d{1,5}${GAP}obj${KEYWORD_END}`,
    `endobj${KEYWORD_END}`,
    '(?<byteRange>/ByteRange)(?![^\\0\\t\\n\\f\\r /<>\\[\\]()])',
    `/V${GAP}(?<reference>\\d{1,10})${GAP}\\d{1,5}${GAP}R${KEYWORD_END}`,
  ].join('|'),
  'g',
);
const NUMBER = '(\\d{1,15})';
/** The array after /ByteRange, read where the name ends (sticky: no search forward). */
const BYTE_RANGE_ARRAY = new RegExp(
  `${OPTIONAL_GAP}\\[${OPTIONAL_GAP}${NUMBER}${GAP}${NUMBER}${GAP}${NUMBER}${GAP}${NUMBER}${OPTIONAL_GAP}\\]`,
  'y',
);

/** Where an object's text lies: from its header (or the token found outside any) to its end. */
interface Span {
  objectNumber: number | null;
  start: number;
  end: number;
}

interface SignatureEntry {
  byteRange: [number, number, number, number] | null;
  dictionary: Span;
}

export function readPdfSignatures(pdf: Uint8Array): PdfSignatureFound[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.slice(0, HEADER_SEARCH_BYTES).includes('%PDF-')) {
    throw new AppError('verify.not_a_pdf', { detail: 'The file is not a PDF document.' });
  }
  const { entries, fieldsReferencing } = scan(text);
  const found: PdfSignatureFound[] = [];
  for (const { byteRange, dictionary: span } of entries) {
    if (!byteRange) continue;
    const [start1, length1, start2, length2] = byteRange;
    const gapStart = start1 + length1;
    if (start1 !== 0 || gapStart > start2 || start2 + length2 > pdf.byteLength) continue;
    if (start2 - gapStart > MAX_SIGNATURE_GAP_CHARS) {
      throw createDocumentTooComplexError(`a signature's /Contents is over ${MAX_SIGNATURE_GAP_CHARS} characters`);
    }
    const cms = cmsInGap(text.slice(gapStart, start2));
    if (!cms) continue;
    const signedParts: [Uint8Array, Uint8Array] = [
      pdf.subarray(start1, gapStart),
      pdf.subarray(start2, start2 + length2),
    ];
    const dictionary = text.slice(span.start, Math.min(span.end, span.start + MAX_SIGNATURE_DICTIONARY_CHARS));
    const subFilter = dictionaryValue(dictionary, 'SubFilter');
    found.push({
      fieldName: span.objectNumber === null ? null : fieldNameOf(text, fieldsReferencing.get(span.objectNumber)),
      subFilter,
      isDocumentTimestamp: dictionaryValue(dictionary, 'Type') === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161',
      reason: dictionaryValue(dictionary, 'Reason'),
      location: dictionaryValue(dictionary, 'Location'),
      contactInfo: dictionaryValue(dictionary, 'ContactInfo'),
      claimedSigningTime: parsePdfDate(dictionaryValue(dictionary, 'M')),
      byteRange,
      signedParts,
      get signedBytes() {
        return new Uint8Array(Buffer.concat(signedParts));
      },
      cms,
      coversWholeDocument: start2 + length2 === pdf.byteLength,
    });
  }
  return found;
}

/**
 * The one forward pass: each /ByteRange with the object around it, and which objects hold a
 * `/V n g R` for each n. An object ends at its `endobj` or at the next header, whichever comes
 * first, so spans never overlap and reading them all reads the file at most once.
 */
function scan(text: string): { entries: SignatureEntry[]; fieldsReferencing: Map<number, Span[]> } {
  const entries: SignatureEntry[] = [];
  const fieldsReferencing = new Map<number, Span[]>();
  let references = 0;
  let current: Span | null = null;
  let outside: Span | null = null; // the text after a token found outside any object
  const close = (at: number) => {
    if (current) current.end = at;
    if (outside) outside.end = at;
    current = null;
    outside = null;
  };
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(text); match; match = TOKENS.exec(text)) {
    const { header, byteRange, reference } = match.groups ?? {};
    if (header !== undefined) {
      close(match.index);
      current = { objectNumber: Number(header), start: match.index, end: text.length };
    } else if (byteRange !== undefined) {
      if (entries.length === MAX_SIGNATURES) {
        throw createDocumentTooComplexError(`more than ${MAX_SIGNATURES} signatures`);
      }
      if (!current) outside ??= { objectNumber: null, start: match.index, end: text.length };
      BYTE_RANGE_ARRAY.lastIndex = TOKENS.lastIndex;
      const array = BYTE_RANGE_ARRAY.exec(text);
      entries.push({
        byteRange: array ? (array.slice(1, 5).map(Number) as [number, number, number, number]) : null,
        dictionary: current ?? (outside as Span),
      });
    } else if (reference !== undefined) {
      if (!current || references === MAX_FIELD_REFERENCES) continue;
      references++;
      const spans = fieldsReferencing.get(Number(reference)) ?? [];
      if (spans.length === MAX_FIELDS_PER_SIGNATURE) continue;
      spans.push(current);
      fieldsReferencing.set(Number(reference), spans);
    } else {
      close(match.index);
    }
  }
  return { entries, fieldsReferencing };
}

/** The gap between the ranges holds exactly `<hex>`: the CMS, padded with zeros up to its reserved size. */
function cmsInGap(gap: string): Uint8Array | null {
  const hex = /^[\0\t\n\f\r ]*<([0-9a-fA-F\0\t\n\f\r ]*)>[\0\t\n\f\r ]*$/.exec(gap)?.[1]?.replace(/[\0\t\n\f\r ]/g, '');
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

/** The first /T among the fields whose /V points at the signature dictionary. */
function fieldNameOf(text: string, fields: Span[] | undefined): string | null {
  for (const span of fields ?? []) {
    const name = dictionaryValue(
      text.slice(span.start, Math.min(span.end, span.start + MAX_FIELD_DICTIONARY_CHARS)),
      'T',
    );
    if (name !== null) return name;
  }
  return null;
}
