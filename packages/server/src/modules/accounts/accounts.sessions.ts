import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { ANONYMOUS } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { hashSessionToken, newCsrfToken, newSessionToken } from './accounts.crypto.ts';
import { PENDING_SESSION_MINUTES } from './accounts.policies.ts';
import { type AccountsRepository, createAccountsRepository, type UserRow } from './accounts.repository.ts';

/** The caller's session as routes and use cases see it (`request.session`). */
export interface SessionState {
  /** SHA-256 of the cookie's token: the row's primary key. */
  id: string;
  userId: string;
  kind: 'citizen' | 'staff';
  csrfToken: string;
  secondFactorDone: boolean;
  expiresAt: Date;
}

/** A newly opened session: the token goes into the cookie and nowhere else. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  secondFactorDone: boolean;
}

/** Sessions slide: each use (at most once a minute) extends them to a full TTL again. */
const SLIDE_AFTER_MS = 60_000;

/**
 * How long a session lives without use: a citizen's SESSION_TTL_HOURS, a staff member's
 * STAFF_SESSION_IDLE_MINUTES (they reach citizens' personal data), a staff session waiting for
 * its second factor a few minutes. Whatever its use, no session outlives SESSION_MAX_HOURS after
 * sign-in: then its holder signs in again (ASVS 3.3.2; docs/adr/0004-sessions-and-csrf.md).
 */
export function sessionTtlMs(ctx: AppContext, kind: UserRow['kind'], secondFactorDone: boolean): number {
  if (!secondFactorDone) return PENDING_SESSION_MINUTES * 60_000;
  return kind === 'staff' ? ctx.config.STAFF_SESSION_IDLE_MINUTES * 60_000 : ctx.config.SESSION_TTL_HOURS * 3_600_000;
}

/** The idle expiry of a session used at `now`, never past its absolute end. */
function expiryAt(ctx: AppContext, kind: UserRow['kind'], secondFactorDone: boolean, now: Date, openedAt: Date): Date {
  const idleEnd = now.getTime() + sessionTtlMs(ctx, kind, secondFactorDone);
  const absoluteEnd = openedAt.getTime() + ctx.config.SESSION_MAX_HOURS * 3_600_000;
  return new Date(Math.min(idleEnd, absoluteEnd));
}

/**
 * Opens a session with fresh tokens, and drops the one it replaces (sign-in and the second
 * factor both rotate the token, so a token planted before sign-in is worthless after it).
 */
export async function openSession({
  db,
  ctx,
  user,
  secondFactorDone,
  replacing,
}: {
  db: Database;
  ctx: AppContext;
  user: UserRow;
  secondFactorDone: boolean;
  replacing?: string | undefined;
}): Promise<OpenedSession> {
  const repository = createAccountsRepository({ db });
  const now = ctx.now();
  if (replacing) await repository.deleteSession(replacing);
  await repository.deleteExpiredSessionsOfUser(user.id, now);
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = expiryAt(ctx, user.kind, secondFactorDone, now, now);
  await repository.insertSession({
    id: hashSessionToken(token),
    userId: user.id,
    csrfToken,
    secondFactorDone,
    now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt, secondFactorDone };
}

/**
 * Reads the session a cookie token names, and writes nothing: whether the use slides the session
 * (`slideTo`) is left to `slideSession`, called once the request is known not to be an anonymous
 * reporter's (a touched last-seen time would date their notice). Staff whose second factor has
 * not passed get a session but act as anonymous: only the session and second-factor routes look
 * at them.
 */
export async function resolveSession(
  ctx: AppContext,
  token: string,
): Promise<{ session: SessionState; actor: Actor; slideTo: Date | null } | null> {
  const repository: AccountsRepository = createAccountsRepository({ db: ctx.database.db });
  const now = ctx.now();
  const found = await repository.findValidSession(hashSessionToken(token), now);
  if (!found) return null;
  const { session: row, user } = found;
  const secondFactorDone = user.kind === 'citizen' || row.secondFactorDone;
  const session: SessionState = {
    id: row.id,
    userId: user.id,
    kind: user.kind,
    csrfToken: row.csrfToken,
    secondFactorDone,
    expiresAt: row.expiresAt,
  };
  let actor: Actor = ANONYMOUS;
  if (user.kind === 'citizen') actor = { kind: 'citizen', userId: user.id, language: user.language };
  else if (secondFactorDone) {
    actor = {
      kind: 'staff',
      userId: user.id,
      language: user.language,
      roles: await repository.listRoleAssignments(user.id),
    };
  }
  const slides = secondFactorDone && now.getTime() - row.lastSeenAt.getTime() > SLIDE_AFTER_MS;
  const slideTo = slides ? expiryAt(ctx, user.kind, true, now, row.createdAt) : null;
  return { session, actor, slideTo: slideTo && slideTo > row.expiresAt ? slideTo : null };
}

/** Extends a session to `slideTo` and records its use now (see `resolveSession`). */
export async function slideSession(ctx: AppContext, session: SessionState, slideTo: Date): Promise<void> {
  await createAccountsRepository({ db: ctx.database.db }).touchSession(session.id, ctx.now(), slideTo);
  session.expiresAt = slideTo;
}
