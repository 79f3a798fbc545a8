import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { REFERENCE_TYPE_CODES, type RequestType } from '@epeople/contracts';
import type { Config } from '../../config.ts';

/**
 * Reference numbers, access codes and sealed values of cases.
 *
 * Reference: `PET-2026-004213-K` = type code, year, sequence (6 digits or more), and a check
 * character over Crockford's base32 alphabet (no I, L, O, U) by the Luhn mod N algorithm: every
 * single-character typo and nearly every swap of neighbours is caught, so a mistyped reference
 * answers "not found" without touching the database.
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = CROCKFORD.length;

/** Luhn mod N over the characters' code points in CROCKFORD (digits are themselves). */
export function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let index = payload.length - 1; index >= 0; index -= 1) {
    const codePoint = CROCKFORD.indexOf(payload[index] as string);
    if (codePoint < 0) throw new Error('reference payload outside the alphabet');
    const addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / N) + (addend % N);
  }
  return CROCKFORD[(N - (sum % N)) % N] as string;
}

const TYPE_BY_CODE = new Map<string, RequestType>(
  Object.entries(REFERENCE_TYPE_CODES).map(([type, code]) => [code, type as RequestType]),
);

/** The check covers the type too, as its digit (U, in GUI and SUG, is outside the alphabet). */
const TYPE_DIGITS = new Map<string, string>(
  Object.values(REFERENCE_TYPE_CODES).map((code, index) => [code, String(index)]),
);
function payloadOf(typeCode: string, year: string, sequence: string): string {
  return `${TYPE_DIGITS.get(typeCode) ?? ''}${year}${sequence}`;
}

export function formatReference(type: RequestType, year: number, sequence: number): string {
  const typeCode = REFERENCE_TYPE_CODES[type];
  const yearText = String(year);
  const sequenceText = String(sequence).padStart(6, '0');
  return `${typeCode}-${yearText}-${sequenceText}-${checkCharacter(payloadOf(typeCode, yearText, sequenceText))}`;
}

/** Crockford's reading rules: case-insensitive, O→0, I and L→1 (U never appears). */
function normaliseCrockford(text: string): string {
  return text.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Reads what a person typed (any case, spaces, missing dashes tolerated) into the canonical
 * reference, or null when it cannot be one (wrong shape or check character).
 */
export function parseReference(input: string): { reference: string; type: RequestType } | null {
  const upper = input.toUpperCase().replace(/[\s-]/g, '');
  // Fold look-alikes (O for 0, I or L for 1) after the type code, which has letters of its own.
  const compact = `${upper.slice(0, 3)}${normaliseCrockford(upper.slice(3))}`;
  const match = /^([A-Z]{3})(\d{4})(\d{6,12})([0-9A-Z])$/.exec(compact);
  if (!match) return null;
  const [, typeCode, year, sequence, check] = match as unknown as [string, string, string, string, string];
  const type = TYPE_BY_CODE.get(typeCode);
  if (!type) return null;
  if (normaliseCrockford(check) !== checkCharacter(payloadOf(typeCode, year, sequence))) return null;
  return { reference: `${typeCode}-${year}-${sequence}-${normaliseCrockford(check)}`, type };
}

// ---- Access codes ------------------------------------------------------------------------------

/** 16 Crockford characters (80 bits) in four groups: `7KQ2-M9XD-4TPA-H3WZ`. */
export function newAccessCode(): string {
  const bytes = randomBytes(16);
  const characters = [...bytes].map((byte) => CROCKFORD[byte % N]).join('');
  return characters.match(/.{4}/g)?.join('-') ?? characters;
}

/** Canonical form for hashing: upper case, no separators, Crockford's look-alikes folded. */
export function normaliseAccessCode(input: string): string | null {
  const compact = normaliseCrockford(input.replace(/[\s-]/g, ''));
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact) ? compact : null;
}

function appSecretOf(config: Config): string {
  if (!config.APP_SECRET) throw new Error('APP_SECRET is not set (the server resolves one at start)');
  return config.APP_SECRET;
}

// Kept as KeyObjects: handing Node a Buffer imports the key again on every call (~6× slower HMAC).
const derivedKeys = new Map<string, KeyObject>();
function deriveKey(config: Config, purpose: string): KeyObject {
  const cacheKey = `${purpose}\u0000${appSecretOf(config)}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync('sha256', appSecretOf(config), 'epeople', purpose, 32)));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * An access code has 80 random bits, so a keyed HMAC is enough (no slow hash needed): a dump of
 * the table without APP_SECRET yields nothing, and tracking stays fast. Bound to the reference.
 */
export function hashAccessCode(config: Config, reference: string, normalisedCode: string): string {
  return createHmac('sha256', deriveKey(config, 'case-access-code/v1'))
    .update(`${reference}\u0000${normalisedCode}`)
    .digest('hex');
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// ---- Sealed values (a notice's identity; an access code kept for idempotent replays) ---------

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url; `purpose` picks the key. */
export function seal(config: Config, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(config, `case-seal/${purpose}/v1`), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function unseal(config: Config, purpose: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unknown sealed format');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(config, `case-seal/${purpose}/v1`),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * A filing's fingerprint, to tell an idempotent replay from another request reusing the key.
 * Keyed (HMAC under APP_SECRET): a plain hash of the request would let anyone who reads the
 * cases table confirm a guess of a notice's sealed identity, which the request carries
 * (docs/threat-model-anonymous-notice.md).
 */
export function fingerprintOf(config: Config, value: unknown): string {
  return createHmac('sha256', deriveKey(config, 'case-fingerprint/v1')).update(JSON.stringify(value)).digest('hex');
}
