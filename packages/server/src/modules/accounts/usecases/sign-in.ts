import type { SessionResponse } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import {
  type AttemptDoor,
  assertNotWaiting,
  type Counter,
  clearAttempts,
  isLockedAt,
  secondFactorCounter,
  signInCounters,
  takeAttempt,
} from '../accounts.attempts.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import { emailNotVerifiedError, invalidCredentialsError } from '../accounts.errors.ts';
import { verifyPassword } from '../accounts.passwords.ts';
import { toSessionResponse } from '../accounts.presenter.ts';
import { createAccountsRepository, type UserRow } from '../accounts.repository.ts';
import { type OpenedSession, openSession } from '../accounts.sessions.ts';

export interface SignInResult {
  session: OpenedSession;
  response: SessionResponse;
}

/**
 * Audits a failed sign-in step of a known account (wrong password or second-factor code), and
 * the moment a counter reaches its lock. Unknown addresses leave no trace but their counters.
 */
export async function auditSignInFailure({
  ctx,
  user,
  reason,
  attempts,
  requestId,
}: {
  ctx: AppContext;
  user: UserRow;
  reason: 'password' | 'second_factor';
  attempts: ReadonlyMap<AttemptDoor, number>;
  requestId?: string | undefined;
}): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const failures = Object.fromEntries(attempts);
    await recordAccountEvent(tx, {
      action: 'sign_in_failed',
      userId: user.id,
      actor: { kind: 'anonymous' },
      requestId,
      data: { reason, failures },
    });
    const locked = [...attempts].filter(([door, count]) => isLockedAt(door, count)).map(([door]) => door);
    if (locked.length > 0) {
      await recordAccountEvent(tx, {
        action: 'locked',
        userId: user.id,
        actor: { kind: 'system', name: 'sign-in' },
        requestId,
        data: { doors: locked, failures },
      });
    }
  });
}

/**
 * The sign-in counters of an e-mail tried from an address (docs/access-control.md): always the
 * pair (e-mail, address), whose lock only ever stops that address; and the e-mail from anywhere,
 * which slows a distributed attack, except for an account with an enrolled second factor: its
 * password alone opens nothing, so no one can lock its owner out by failing on purpose.
 * Unknown addresses count exactly as accounts without a second factor, so the answers (401,
 * then 429, then 423) never tell whether an address has an account.
 */
function signInCountersOf(email: string, client: string, user: UserRow | null): Counter[] {
  const { pair, account } = signInCounters(email, client);
  return user?.totpEnrolledAt ? [pair] : [pair, account];
}

/**
 * Password sign-in. Unknown address, wrong password, deactivated or deleted account all answer
 * `invalid_credentials` after the same argon2 work, and are counted alike; an unverified address
 * is said only once the password is proven. Staff get a session that waits for their second
 * factor (refused at once while that factor is locked).
 */
export async function signIn({
  ctx,
  email,
  password,
  client,
  replacingSessionId,
  requestId,
}: {
  ctx: AppContext;
  email: string;
  password: string;
  /** The caller's address (`request.ip`). */
  client: string;
  replacingSessionId?: string | undefined;
  requestId?: string;
}): Promise<SignInResult> {
  const repository = createAccountsRepository({ db: ctx.database.db });
  const user = await repository.findLiveUserByEmail(email);
  const counters = signInCountersOf(email, client, user);
  const attempts = await takeAttempt(ctx, counters);
  const storedHash = user?.isActive ? user.passwordHash : null;
  if (!(await verifyPassword(storedHash, password)) || !user || !storedHash) {
    if (user) await auditSignInFailure({ ctx, user, reason: 'password', attempts, requestId });
    throw invalidCredentialsError();
  }
  await clearAttempts(ctx, counters);
  if (user.kind === 'staff') await assertNotWaiting(ctx, [secondFactorCounter(user)]);
  if (user.kind === 'citizen' && !user.emailVerifiedAt) throw emailNotVerifiedError();

  return ctx.database.db.transaction(async (tx) => {
    const txRepository = createAccountsRepository({ db: tx });
    const secondFactorDone = user.kind === 'citizen';
    if (secondFactorDone) {
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
