import { readFileSync } from 'node:fs';
import { PASSWORD_MIN_LENGTH } from '@epeople/contracts';
import { hash, verify } from '@node-rs/argon2';
import { passwordTooCommonError, passwordTooShortError } from './accounts.errors.ts';

/**
 * Passwords: argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommendation),
 * at least PASSWORD_MIN_LENGTH characters (12, ASVS 2.1.1), and not one of the 10,000 most common passwords
 * (common-passwords.txt, see its LICENSE file), compared without regard to case.
 */

let commonPasswords: ReadonlySet<string> | undefined;
function loadCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0),
  );
  return commonPasswords;
}

export const isCommonPassword = (password: string): boolean => loadCommonPasswords().has(password.toLowerCase());

/** Throws the error naming the first rule the password breaks. */
export function assertAcceptablePassword(password: string, { allowWeak = false } = {}): void {
  // Counted after runs of spaces are folded to one (ASVS 2.1.1): twelve spaces are not a password.
  if ([...password.replace(/ {2,}/g, ' ')].length < PASSWORD_MIN_LENGTH) throw passwordTooShortError();
  if (!allowWeak && isCommonPassword(password)) throw passwordTooCommonError();
}

export const hashPassword = (password: string): Promise<string> => hash(password);

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash; with no hash (unknown e-mail, account without a
 * password) it verifies against a throw-away hash, so the answer takes as long either way.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash('not a password anyone has: timing equaliser');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
