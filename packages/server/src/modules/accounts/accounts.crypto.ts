import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * The small cryptographic pieces of accounts. Keys are derived from APP_SECRET with HKDF, one
 * per purpose, so a key that leaks from one use (say, code hashes) says nothing of another.
 */

function appSecretOf(config: Config): string {
  if (!config.APP_SECRET) throw new Error('APP_SECRET is not set (the server resolves one at start)');
  return config.APP_SECRET;
}

const derivedKeys = new Map<string, Buffer>();
function deriveKey(config: Config, purpose: string): Buffer {
  const cacheKey = `${purpose}\u0000${appSecretOf(config)}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', appSecretOf(config), 'epeople', purpose, 32));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/** A session cookie's value: 32 random bytes. Only its SHA-256 is stored. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');
export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A 6-digit one-time code, uniformly drawn. */
export const newSixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Codes are stored as an HMAC bound to the account and purpose, so a dump of the table is useless. */
export function hashOneTimeCode(config: Config, input: { userId: string; purpose: string; code: string }): string {
  return createHmac('sha256', deriveKey(config, 'one-time-code/v1'))
    .update(`${input.userId}\u0000${input.purpose}\u0000${input.code}`)
    .digest('hex');
}

/**
 * What an attempt counter is keyed by (an e-mail, an e-mail and a client address, an account),
 * as an HMAC: the counters table never holds an address (accounts.attempts.ts).
 */
export function hashCounterKey(config: Config, value: string): string {
  return createHmac('sha256', deriveKey(config, 'attempt-counter/v1')).update(value).digest('hex');
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** TOTP secrets at rest: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptTotpSecret(config: Config, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(config, 'totp-secret/v1'), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptTotpSecret(config: Config, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('unrecognised TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(config, 'totp-secret/v1'), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
