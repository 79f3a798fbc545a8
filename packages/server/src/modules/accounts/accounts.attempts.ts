import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { hashCounterKey } from './accounts.crypto.ts';
import { accountLockedError, signInThrottledError, tooManyCodeAttemptsError } from './accounts.errors.ts';
import { type AttemptCounterRow, type CounterKey, createAttemptsRepository } from './attempts.repository.ts';

/**
 * Every door that checks a secret of an account (docs/access-control.md lists them with these
 * limits). Counted in the database (attempt_counters), so every node shares one count.
 * - sign_in: passwords tried for one e-mail from one client address;
 * - sign_in_account: passwords tried for one e-mail from anywhere (not for accounts with an
 *   enrolled second factor, see signIn);
 * - second_factor: TOTP codes tried for one account (only a holder of its password gets there);
 * - one_time_code: e-mailed 6-digit codes tried for one e-mail, across every code issued to it
 *   (e-mail verification, password reset, staff invitation);
 * - password_check: the current password confirmed by a signed-in person (`/me/password`,
 *   `DELETE /me`).
 */
export type AttemptDoor = 'sign_in' | 'sign_in_account' | 'second_factor' | 'one_time_code' | 'password_check';

export interface AttemptLimit {
  /** From this attempt on, the key waits a doubling delay after each one: 2 s, 4 s, 8 s... */
  slowFrom: number;
  /** From this attempt on, the key is locked: `lockMinutes`, doubling with each further attempt. */
  lockFrom: number;
  lockMinutes: number;
  /** The longest a lock (or delay) lasts. */
  maxWaitHours: number;
  /** A key's count starts over this long after its last attempt. */
  forgetAfterHours: number;
}

export const ATTEMPT_LIMITS: Readonly<Record<AttemptDoor, AttemptLimit>> = {
  sign_in: { slowFrom: 5, lockFrom: 10, lockMinutes: 15, maxWaitHours: 24, forgetAfterHours: 24 },
  // Ten addresses each at their own lock: a distributed attack, which this slows account-wide.
  sign_in_account: { slowFrom: 100, lockFrom: 100, lockMinutes: 15, maxWaitHours: 24, forgetAfterHours: 24 },
  second_factor: { slowFrom: 5, lockFrom: 10, lockMinutes: 15, maxWaitHours: 24, forgetAfterHours: 24 },
  // A 6-digit code falls to a million guesses: five, then locks doubling from 15 minutes, so
  // 11 the first day and about one a day after, per e-mail, however many codes are requested.
  one_time_code: { slowFrom: 5, lockFrom: 5, lockMinutes: 15, maxWaitHours: 24, forgetAfterHours: 24 },
  password_check: { slowFrom: 5, lockFrom: 10, lockMinutes: 15, maxWaitHours: 24, forgetAfterHours: 24 },
};

/** How long a key waits after its `attempts`-th attempt, and whether that wait is a lock. */
export function waitAfter(limit: AttemptLimit, attempts: number): { ms: number; isLock: boolean } {
  const cap = limit.maxWaitHours * 3_600_000;
  if (attempts >= limit.lockFrom) {
    return { ms: Math.min(cap, limit.lockMinutes * 60_000 * 2 ** (attempts - limit.lockFrom)), isLock: true };
  }
  if (attempts >= limit.slowFrom)
    return { ms: Math.min(cap, 2 ** (attempts - limit.slowFrom + 1) * 1000), isLock: false };
  return { ms: 0, isLock: false };
}

/** One counter: the door, what it counts (hashed before it is stored) and the account it concerns. */
export interface Counter {
  door: AttemptDoor;
  /** e.g. `email:a@b.tn|address:1.2.3.4`, `email:a@b.tn`, `user:<id>`. */
  key: string;
  /** The account's e-mail, normalised: a password reset clears that account's sign-in counters. */
  email: string;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The two sign-in counters of an e-mail tried from a client address. */
export function signInCounters(email: string, client: string): { pair: Counter; account: Counter } {
  const address = normaliseEmail(email);
  return {
    pair: { door: 'sign_in', key: `email:${address}|address:${client}`, email: address },
    account: { door: 'sign_in_account', key: `email:${address}`, email: address },
  };
}

function keyOf(ctx: AppContext, counter: Counter): CounterKey {
  return {
    door: counter.door,
    keyHash: hashCounterKey(ctx.config, counter.key),
    subjectHash: hashCounterKey(ctx.config, `email:${normaliseEmail(counter.email)}`),
  };
}

function refusal(door: AttemptDoor, retryAfterSeconds: number, isLock: boolean): Error {
  switch (door) {
    case 'sign_in':
    case 'sign_in_account':
    case 'second_factor':
      return isLock ? accountLockedError(retryAfterSeconds) : signInThrottledError(retryAfterSeconds);
    case 'one_time_code':
      return tooManyCodeAttemptsError(retryAfterSeconds);
    case 'password_check':
      return signInThrottledError(retryAfterSeconds);
  }
}

/** Throws the door's refusal when a row is inside its wait (longest wait first). */
function assertNoneWaiting(rows: readonly AttemptCounterRow[], now: Date): void {
  let worst: { row: AttemptCounterRow; ms: number } | undefined;
  for (const row of rows) {
    const ms = row.blockedUntil ? row.blockedUntil.getTime() - now.getTime() : 0;
    if (ms > 0 && (!worst || ms > worst.ms)) worst = { row, ms };
  }
  if (!worst) return;
  const door = worst.row.door as AttemptDoor;
  const isLock = worst.row.attempts >= ATTEMPT_LIMITS[door].lockFrom;
  throw refusal(door, Math.max(1, Math.ceil(worst.ms / 1000)), isLock);
}

/**
 * Counts one attempt on each counter before the secret is compared, in its own committed
 * transaction (so a failed request still counts, and parallel guesses take turns on the rows
 * and cannot overrun a limit). Refuses, counting nothing, while any counter is inside its wait.
 * The caller clears the counters once the secret proved right (`clearAttempts`). Answers each
 * counter's attempts so far, for the audit.
 */
export async function takeAttempt(ctx: AppContext, counters: readonly Counter[]): Promise<Map<AttemptDoor, number>> {
  const now = ctx.now();
  const keys = counters.map((counter) => keyOf(ctx, counter));
  const { counts, isNew } = await ctx.database.db.transaction(async (tx) => {
    const repository = createAttemptsRepository({ db: tx });
    const rows = await repository.lockCounters(keys, now);
    assertNoneWaiting(rows, now);
    const counts = new Map<AttemptDoor, number>();
    for (const row of rows) {
      const door = row.door as AttemptDoor;
      const limit = ATTEMPT_LIMITS[door];
      const attempts = row.forgetAt.getTime() <= now.getTime() ? 1 : row.attempts + 1;
      const wait = waitAfter(limit, attempts);
      await repository.writeCounter(row, {
        attempts,
        blockedUntil: wait.ms > 0 ? new Date(now.getTime() + wait.ms) : null,
        forgetAt: new Date(now.getTime() + limit.forgetAfterHours * 3_600_000),
      });
      counts.set(door, attempts);
    }
    return { counts, isNew: rows.some((row) => row.attempts === 0) };
  });
  // A new key is the moment to drop a few forgotten ones: the table stays small without a timer.
  if (isNew) await createAttemptsRepository({ db: ctx.database.db }).sweepForgotten(now);
  return counts;
}

/** The secret proved right: these counters start over (inside a transaction, pass it as `db`). */
export async function clearAttempts(
  ctx: AppContext,
  counters: readonly Counter[],
  db: Database = ctx.database.db,
): Promise<void> {
  await createAttemptsRepository({ db }).deleteCounters(counters.map((counter) => keyOf(ctx, counter)));
}

/** The counter of an account's second factor. */
export const secondFactorCounter = (user: { id: string; email: string }): Counter => ({
  door: 'second_factor',
  key: `user:${user.id}`,
  email: user.email,
});

/** The counter of a signed-in person confirming their password. */
export const passwordCheckCounter = (user: { id: string; email: string }): Counter => ({
  door: 'password_check',
  key: `user:${user.id}`,
  email: user.email,
});

/** The counter of the e-mailed codes of an address, whichever code and purpose. */
export const oneTimeCodeCounter = (email: string): Counter => ({
  door: 'one_time_code',
  key: `email:${normaliseEmail(email)}`,
  email,
});

/**
 * A password reset proves the mailbox: the account's sign-in counters (every address) and code
 * counter start over, inside the reset's transaction. Its second factor's count stays: a reset
 * by whoever holds the mailbox must not buy more guesses at the TOTP code.
 */
export async function clearSignInLimitsOf(ctx: AppContext, db: Database, email: string): Promise<void> {
  await createAttemptsRepository({ db }).deleteCountersOfSubject(
    hashCounterKey(ctx.config, `email:${normaliseEmail(email)}`),
    ['sign_in', 'sign_in_account', 'one_time_code'],
  );
}

/** Refuses while a counter waits, without counting (e.g. the second factor's lock, seen at sign-in). */
export async function assertNotWaiting(ctx: AppContext, counters: readonly Counter[]): Promise<void> {
  const keys = counters.map((counter) => keyOf(ctx, counter));
  assertNoneWaiting(await createAttemptsRepository({ db: ctx.database.db }).findCounters(keys), ctx.now());
}

/** Whether a counter has reached its lock (for the audit's `locked` record). */
export const isLockedAt = (door: AttemptDoor, attempts: number): boolean => attempts === ATTEMPT_LIMITS[door].lockFrom;
