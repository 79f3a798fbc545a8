import type { SessionResponse } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import {
  accountLockedError,
  emailNotVerifiedError,
  invalidCredentialsError,
  signInThrottledError,
} from '../accounts.errors.ts';
import { verifyPassword } from '../accounts.passwords.ts';
import { lockAfterFailures, SIGN_IN_LOCK_AFTER } from '../accounts.policies.ts';
import { toSessionResponse } from '../accounts.presenter.ts';
import { createAccountsRepository, type UserRow } from '../accounts.repository.ts';
import { type OpenedSession, openSession } from '../accounts.sessions.ts';

export interface SignInResult {
  session: OpenedSession;
  response: SessionResponse;
}

/** Refuses an account that is inside its lockout or slow-down window. */
export function assertNotLocked(user: UserRow, now: Date): void {
  if (!user.lockedUntil || user.lockedUntil.getTime() <= now.getTime()) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  throw user.failedSignIns >= SIGN_IN_LOCK_AFTER
    ? accountLockedError(retryAfterSeconds)
    : signInThrottledError(retryAfterSeconds);
}

/**
 * Counts a failed sign-in step (wrong password or wrong second-factor code), slows down or locks
 * the account as the count grows, and audits it. Runs in its own transaction and commits: the
 * request then fails, but the failure must stay counted.
 */
export async function countSignInFailure({
  ctx,
  user,
  reason,
  requestId,
}: {
  ctx: AppContext;
  user: UserRow;
  reason: 'password' | 'second_factor';
  requestId?: string | undefined;
}): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const repository = createAccountsRepository({ db: tx });
    const failures = await repository.countFailedSignIn(user.id);
    const { lockedUntil, isLocked } = lockAfterFailures(failures, ctx.now());
    if (lockedUntil) await repository.setLockedUntil(user.id, lockedUntil);
    await recordAccountEvent(tx, {
      action: 'sign_in_failed',
      userId: user.id,
      actor: { kind: 'anonymous' },
      requestId,
      data: { reason, failures },
    });
    if (isLocked) {
      await recordAccountEvent(tx, {
        action: 'locked',
        userId: user.id,
        actor: { kind: 'system', name: 'sign-in' },
        requestId,
        data: { until: lockedUntil?.toISOString(), failures },
      });
    }
  });
}

/**
 * Password sign-in. Unknown address, wrong password, deactivated or deleted account all answer
 * `invalid_credentials` after the same argon2 work; an unverified address is said only once the
 * password is proven. Staff get a session that waits for their second factor.
 */
export async function signIn({
  ctx,
  email,
  password,
  replacingSessionId,
  requestId,
}: {
  ctx: AppContext;
  email: string;
  password: string;
  replacingSessionId?: string | undefined;
  requestId?: string;
}): Promise<SignInResult> {
  const repository = createAccountsRepository({ db: ctx.database.db });
  const user = await repository.findLiveUserByEmail(email);
  if (!user?.isActive || !user.passwordHash) {
    await verifyPassword(null, password);
    throw invalidCredentialsError();
  }
  assertNotLocked(user, ctx.now());
  if (!(await verifyPassword(user.passwordHash, password))) {
    await countSignInFailure({ ctx, user, reason: 'password', requestId });
    throw invalidCredentialsError();
  }
  if (user.kind === 'citizen' && !user.emailVerifiedAt) throw emailNotVerifiedError();

  return ctx.database.db.transaction(async (tx) => {
    const txRepository = createAccountsRepository({ db: tx });
    // Staff keep their count until the second factor passes, or a known password would allow
    // unlimited guesses at the TOTP code.
    const secondFactorDone = user.kind === 'citizen';
    if (secondFactorDone) {
      await txRepository.clearSignInFailures(user.id);
      await recordAccountEvent(tx, { action: 'signed_in', userId: user.id, selfKind: user.kind, requestId });
    }
    const session = await openSession({ db: tx, ctx, user, secondFactorDone, replacing: replacingSessionId });
    const roles = user.kind === 'staff' ? await txRepository.listRoleAssignments(user.id) : [];
    return { session, response: toSessionResponse({ user, roles, csrfToken: session.csrfToken, secondFactorDone }) };
  });
}

export async function signOut({
  ctx,
  sessionId,
  userId,
  kind,
  requestId,
}: {
  ctx: AppContext;
  sessionId: string;
  userId: string;
  kind: 'citizen' | 'staff';
  requestId?: string;
}): Promise<void> {
  await ctx.database.db.transaction(async (tx: Database) => {
    await createAccountsRepository({ db: tx }).deleteSession(sessionId);
    await recordAccountEvent(tx, { action: 'signed_out', userId, selfKind: kind, requestId });
  });
}

/** The caller's session and account, as GET /auth/session answers it. */
export async function describeSession({
  ctx,
  userId,
  csrfToken,
  secondFactorDone,
}: {
  ctx: AppContext;
  userId: string;
  csrfToken: string;
  secondFactorDone: boolean;
}): Promise<SessionResponse | null> {
  const repository = createAccountsRepository({ db: ctx.database.db });
  const user = await repository.findUserById(userId);
  if (!user) return null;
  const roles = user.kind === 'staff' ? await repository.listRoleAssignments(user.id) : [];
  return toSessionResponse({ user, roles, csrfToken, secondFactorDone });
}
