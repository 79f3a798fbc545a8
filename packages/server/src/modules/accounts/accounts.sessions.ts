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

export function sessionTtlMs(ctx: AppContext, secondFactorDone: boolean): number {
  return secondFactorDone ? ctx.config.SESSION_TTL_HOURS * 3_600_000 : PENDING_SESSION_MINUTES * 60_000;
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
  const expiresAt = new Date(now.getTime() + sessionTtlMs(ctx, secondFactorDone));
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
  const slides = row.secondFactorDone && now.getTime() - row.lastSeenAt.getTime() > SLIDE_AFTER_MS;
  return { session, actor, slideTo: slides ? new Date(now.getTime() + sessionTtlMs(ctx, true)) : null };
}

/** Extends a session to `slideTo` and records its use now (see `resolveSession`). */
export async function slideSession(ctx: AppContext, session: SessionState, slideTo: Date): Promise<void> {
  await createAccountsRepository({ db: ctx.database.db }).touchSession(session.id, ctx.now(), slideTo);
  session.expiresAt = slideTo;
}
