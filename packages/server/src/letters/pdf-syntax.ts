/**
 * Just enough PDF syntax to read a signature dictionary written in plain text (as PAdES
 * requires: its /Contents must sit uncompressed between the two signed ranges). Works on the
 * file decoded as latin1, one character per byte, so string offsets are byte offsets.
 */

/** The value after `/Key` in `dictionary`: a name, a literal or hex string (decoded), or null. */
export function dictionaryValue(dictionary: string, key: string): string | null {
  const at = findKey(dictionary, key);
  if (at < 0) return null;
  let i = at + key.length + 1;
  while (i < dictionary.length && isWhitespace(dictionary.charCodeAt(i))) i++;
  const first = dictionary[i];
  if (first === '/') return /^\/([^\s/<>[\]()]*)/.exec(dictionary.slice(i))?.[1] ?? null;
  if (first === '(') return decodeTextString(readLiteralString(dictionary, i));
  if (first === '<' && dictionary[i + 1] !== '<') {
    const end = dictionary.indexOf('>', i);
    if (end < 0) return null;
    return decodeTextString(hexToLatin1(dictionary.slice(i + 1, end)));
  }
  return null;
}

/** Offset of `/Key` as a whole name (not the prefix of a longer one), or -1. */
function findKey(dictionary: string, key: string): number {
  const pattern = new RegExp(`/${key}(?![^\\s/<>\\[\\]()])`);
  return pattern.exec(dictionary)?.index ?? -1;
}

const isWhitespace = (code: number) =>
  code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 0;

/** A (literal string) with its escapes and balanced parentheses, as raw bytes (latin1). */
function readLiteralString(text: string, open: number): string {
  let depth = 0;
  let out = '';
  for (let i = open; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\') {
      const next = text[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))?.[0];
      if (octal) {
        out += String.fromCharCode(Number.parseInt(octal, 8) & 0xff);
        i += octal.length;
      } else {
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (next === '\r' || next === '\n') {
          // a line continuation: the backslash and the end of line are dropped
          if (next === '\r' && text[i + 2] === '\n') i++;
        } else {
          out += escapes[next] ?? next;
        }
        i++;
      }
      continue;
    }
    if (char === '(') {
      depth++;
      if (depth === 1) continue;
    } else if (char === ')') {
      depth--;
      if (depth === 0) return out;
    }
    out += char;
  }
  return out;
}

function hexToLatin1(hex: string): string {
  const digits = hex.replace(/[^0-9a-fA-F]/g, '');
  let out = '';
  for (let i = 0; i < digits.length; i += 2)
    out += String.fromCharCode(Number.parseInt(digits.slice(i, i + 2).padEnd(2, '0'), 16));
  return out;
}

/** A PDF text string: UTF-16BE after a byte order mark, UTF-8 after its mark, else PDFDocEncoding (latin1 is close enough). */
function decodeTextString(raw: string): string {
  const bytes = Uint8Array.from(raw, (char) => char.charCodeAt(0));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  return raw;
}

/** D:YYYYMMDDHHmmSS with an optional Z or ±HH'mm' offset; null when it is not a date. */
export function parsePdfDate(value: string | null): Date | null {
  const match = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone] = match;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(/'/g, '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
