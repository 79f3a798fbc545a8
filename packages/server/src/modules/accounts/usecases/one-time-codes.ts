import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import { clearAttempts, oneTimeCodeCounter, takeAttempt } from '../accounts.attempts.ts';
import { constantTimeEquals, hashOneTimeCode, newSixDigitCode } from '../accounts.crypto.ts';
import { invalidCodeError, tooManyCodeAttemptsError } from '../accounts.errors.ts';
import { CODE_MAX_ATTEMPTS, CODE_TTL_MINUTES } from '../accounts.policies.ts';
import { type CodePurpose, createAccountsRepository, type UserRow } from '../accounts.repository.ts';

/** Makes a new code for an account (the previous one of that purpose stops working) and answers it. */
export async function issueCode({
  db,
  ctx,
  userId,
  purpose,
  ttlMinutes = CODE_TTL_MINUTES,
}: {
  db: Database;
  ctx: AppContext;
  userId: string;
  purpose: CodePurpose;
  ttlMinutes?: number;
}): Promise<string> {
  const code = newSixDigitCode();
  const now = ctx.now();
  await createAccountsRepository({ db }).replaceCode({
    userId,
    purpose,
    codeHash: hashOneTimeCode(ctx.config, { userId, purpose, code }),
    now,
    expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
  });
  return code;
}

/**
 * Checks a code and, if right, runs `apply` in one transaction with the code's consumption.
 * Every try is counted before the comparison and committed on its own, so a failed try counts
 * even though the request fails, and parallel guesses cannot exceed the limit: on the code
 * (CODE_MAX_ATTEMPTS) and on the e-mail across every code issued to it (door `one_time_code`),
 * so asking for a new code buys no new guesses. Tries for an unknown address are counted the
 * same way, and a missing, expired or wrong code all answer the same `invalid_code`.
 */
export async function redeemCode<T>({
  ctx,
  email,
  purpose,
  code,
  apply,
}: {
  ctx: AppContext;
  email: string;
  purpose: CodePurpose;
  code: string;
  apply: (tx: Database, user: UserRow) => Promise<T>;
}): Promise<T> {
  const counter = oneTimeCodeCounter(email);
  await takeAttempt(ctx, [counter]);
  const repository = createAccountsRepository({ db: ctx.database.db });
  const now = ctx.now();
  const user = await repository.findLiveUserByEmail(email);
  if (!user?.isActive) throw invalidCodeError();
  const current = await repository.findCurrentCode(user.id, purpose);
  if (!current || current.expiresAt.getTime() <= now.getTime()) throw invalidCodeError();
  if (!(await repository.takeCodeAttempt(current.id, CODE_MAX_ATTEMPTS))) throw tooManyCodeAttemptsError();
  const expected = hashOneTimeCode(ctx.config, { userId: user.id, purpose, code });
  if (!constantTimeEquals(expected, current.codeHash)) throw invalidCodeError();
  return ctx.database.db.transaction(async (tx) => {
    if (!(await createAccountsRepository({ db: tx }).consumeCode(current.id, now))) throw invalidCodeError();
    await clearAttempts(ctx, [counter], tx);
    return apply(tx, user);
  });
}
