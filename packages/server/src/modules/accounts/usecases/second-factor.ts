import type { SessionResponse, TotpEnrolment } from '@epeople/contracts';
import { generateSecret, generateURI, verify } from 'otplib';
import type { AppContext } from '../../../app-context.ts';
import { clearAttempts, secondFactorCounter, takeAttempt } from '../accounts.attempts.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import { decryptTotpSecret, encryptTotpSecret } from '../accounts.crypto.ts';
import {
  forbiddenError,
  secondFactorAlreadyEnrolledError,
  secondFactorEnrolmentRequiredError,
  secondFactorInvalidError,
  unauthenticatedError,
} from '../accounts.errors.ts';
import { toSessionResponse } from '../accounts.presenter.ts';
import { createAccountsRepository, type UserRow } from '../accounts.repository.ts';
import { type OpenedSession, openSession, type SessionState } from '../accounts.sessions.ts';
import { auditSignInFailure } from './sign-in.ts';

export const TOTP_ISSUER = 'ePeople';
const TOTP_PERIOD_SECONDS = 30;

/** Loads the staff member behind a session whose second factor is still to pass. */
async function pendingStaffMember(ctx: AppContext, session: SessionState | null): Promise<UserRow> {
  if (!session) throw unauthenticatedError();
  if (session.kind !== 'staff') throw forbiddenError();
  const user = await createAccountsRepository({ db: ctx.database.db }).findUserById(session.userId);
  if (!user) throw unauthenticatedError();
  return user;
}

/**
 * Starts (or restarts) TOTP enrolment: a new secret, kept encrypted until a code from it is
 * confirmed. Only for a staff member not yet enrolled, in the session their password opened.
 */
export async function enrolSecondFactor({
  ctx,
  session,
}: {
  ctx: AppContext;
  session: SessionState | null;
}): Promise<TotpEnrolment> {
  const user = await pendingStaffMember(ctx, session);
  if (user.totpEnrolledAt || session?.secondFactorDone) throw secondFactorAlreadyEnrolledError();
  const secret = generateSecret();
  await createAccountsRepository({ db: ctx.database.db }).updateUser(
    user.id,
    { totpSecretEncrypted: encryptTotpSecret(ctx.config, secret) },
    ctx.now(),
  );
  return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: user.email, secret }) };
}

/**
 * Checks a TOTP code at the context's clock, one time step either side, and never accepts a time
 * step at or before the last one accepted (a code seen over someone's shoulder is already spent).
 */
async function checkTotpCode(ctx: AppContext, user: UserRow, code: string): Promise<number | null> {
  if (!user.totpSecretEncrypted) return null;
  const result = await verify({
    secret: decryptTotpSecret(ctx.config, user.totpSecretEncrypted),
    token: code,
    epoch: Math.floor(ctx.now().getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(user.totpLastTimeStep !== null ? { afterTimeStep: user.totpLastTimeStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export interface SecondFactorResult {
  session: OpenedSession;
  response: SessionResponse;
}

/**
 * Confirms enrolment (`mode: 'confirm'`, first sign-in) or passes the second factor of an
 * enrolled member (`mode: 'verify'`). Every try counts on the account's second-factor counter
 * (accounts.attempts.ts), a replayed time step as a wrong code; while it is locked, the right
 * code is refused too, and so is the password step. On success the session is replaced by a
 * fully signed-in one with a new token.
 */
export async function passSecondFactor({
  ctx,
  session,
  code,
  mode,
  requestId,
}: {
  ctx: AppContext;
  session: SessionState | null;
  code: string;
  mode: 'confirm' | 'verify';
  requestId?: string;
}): Promise<SecondFactorResult> {
  const user = await pendingStaffMember(ctx, session);
  if (mode === 'confirm' && user.totpEnrolledAt) throw secondFactorAlreadyEnrolledError();
  if (mode === 'confirm' && !user.totpSecretEncrypted) throw secondFactorEnrolmentRequiredError();
  if (mode === 'verify' && !user.totpEnrolledAt) throw secondFactorEnrolmentRequiredError();
  const counter = secondFactorCounter(user);
  const attempts = await takeAttempt(ctx, [counter]);
  const timeStep = await checkTotpCode(ctx, user, code);
  const repository = createAccountsRepository({ db: ctx.database.db });
  if (timeStep === null || !(await repository.advanceTotpTimeStep(user.id, timeStep))) {
    await auditSignInFailure({ ctx, user, reason: 'second_factor', attempts, requestId });
    throw secondFactorInvalidError();
  }
  return ctx.database.db.transaction(async (tx) => {
    const txRepository = createAccountsRepository({ db: tx });
    const now = ctx.now();
    let current = user;
    if (mode === 'confirm') {
      current = (await txRepository.updateUser(user.id, { totpEnrolledAt: now }, now)) ?? user;
      await recordAccountEvent(tx, { action: 'second_factor_enrolled', userId: user.id, selfKind: 'staff', requestId });
    }
    await clearAttempts(ctx, [counter], tx);
    await recordAccountEvent(tx, {
      action: 'signed_in',
      userId: user.id,
      selfKind: 'staff',
      requestId,
      data: { secondFactor: 'totp' },
    });
    const opened = await openSession({ db: tx, ctx, user: current, secondFactorDone: true, replacing: session?.id });
    const roles = await txRepository.listRoleAssignments(user.id);
    return {
      session: opened,
      response: toSessionResponse({ user: current, roles, csrfToken: opened.csrfToken, secondFactorDone: true }),
    };
  });
}
