import { randomUUID } from 'node:crypto';
import type { CurrentUser, GovernorateCode, Language } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { assertSmsCountryAllowed } from '../../sms/index.ts';
import { clearAttempts, passwordCheckCounter, takeAttempt } from '../accounts.attempts.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import {
  notificationChannelRequiredError,
  smsNeedsPhoneError,
  staffCannotSelfDeleteError,
  unauthenticatedError,
  wrongPasswordError,
} from '../accounts.errors.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../accounts.passwords.ts';
import { requireSignedIn } from '../accounts.policies.ts';
import { toCurrentUser } from '../accounts.presenter.ts';
import { createAccountsRepository, type UserPatch, type UserRow } from '../accounts.repository.ts';

async function loadSelf(ctx: AppContext, actor: Actor): Promise<UserRow> {
  requireSignedIn(actor);
  const user = await createAccountsRepository({ db: ctx.database.db }).findUserById(actor.userId);
  if (!user || user.deletedAt) throw unauthenticatedError();
  return user;
}

async function present(ctx: AppContext, user: UserRow): Promise<CurrentUser> {
  const roles =
    user.kind === 'staff' ? await createAccountsRepository({ db: ctx.database.db }).listRoleAssignments(user.id) : [];
  return toCurrentUser(user, roles);
}

export async function getCurrentUser({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<CurrentUser> {
  return present(ctx, await loadSelf(ctx, actor));
}

export interface ProfileChanges {
  fullName?: string | undefined;
  phone?: string | null | undefined;
  governorate?: GovernorateCode | null | undefined;
  language?: Language | undefined;
  notifications?: { email?: boolean | undefined; sms?: boolean | undefined } | undefined;
}

/**
 * The channels a citizen hears about their cases by. SMS needs a phone; at least one channel
 * stays on, so a citizen cannot silence the legal notices of their own case (the answer, a
 * request for information). Removing the phone turns SMS off and, if it was the only channel,
 * e-mail back on: the account's address is the one contact every account has.
 */
export function nextNotificationChannels(
  user: Pick<UserRow, 'notifyEmail' | 'notifySms'>,
  requested: ProfileChanges['notifications'],
  phone: string | null,
): { notifyEmail: boolean; notifySms: boolean } {
  let email = requested?.email ?? user.notifyEmail;
  let sms = requested?.sms ?? user.notifySms;
  if (requested?.sms === true && !phone) throw smsNeedsPhoneError();
  if (sms && !phone) {
    // The phone was removed: SMS goes off, and e-mail takes over unless just turned off.
    sms = false;
    if (requested?.email === undefined) email = true;
  }
  if (!email && !sms) throw notificationChannelRequiredError();
  return { notifyEmail: email, notifySms: sms };
}

/** Edits one's own profile; the audit names the fields changed, never their values. */
export async function updateProfile({
  ctx,
  actor,
  changes,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  changes: ProfileChanges;
  requestId?: string;
}): Promise<CurrentUser> {
  const user = await loadSelf(ctx, actor);
  const patch: UserPatch = {};
  if (changes.fullName !== undefined && changes.fullName !== user.fullName) patch.fullName = changes.fullName;
  if (changes.phone !== undefined && changes.phone !== user.phone) {
    // A phone may get SMS: only numbers ePeople texts (docs/notifications.md).
    if (changes.phone) assertSmsCountryAllowed(ctx.config, changes.phone);
    patch.phone = changes.phone;
  }
  if (changes.governorate !== undefined && changes.governorate !== user.governorate)
    patch.governorate = changes.governorate;
  if (changes.language !== undefined && changes.language !== user.language) patch.language = changes.language;
  const channels = nextNotificationChannels(
    user,
    changes.notifications,
    patch.phone !== undefined ? patch.phone : user.phone,
  );
  if (channels.notifyEmail !== user.notifyEmail) patch.notifyEmail = channels.notifyEmail;
  if (channels.notifySms !== user.notifySms) patch.notifySms = channels.notifySms;
  const fields = Object.keys(patch);
  if (fields.length === 0) return present(ctx, user);
  const updated = await ctx.database.db.transaction(async (tx) => {
    const row = await createAccountsRepository({ db: tx }).updateUser(user.id, patch, ctx.now());
    await recordAccountEvent(tx, {
      action: 'profile_updated',
      userId: user.id,
      selfKind: user.kind,
      requestId,
      data: { fields },
    });
    return row ?? user;
  });
  return present(ctx, updated);
}

/**
 * A signed-in person confirms their password before a change that needs it. Tries are counted
 * per account (door `password_check`, docs/access-control.md): a stolen session cookie does not
 * give unlimited guesses at the password behind it.
 */
async function confirmPassword(ctx: AppContext, user: UserRow, password: string): Promise<void> {
  const counter = passwordCheckCounter(user);
  await takeAttempt(ctx, [counter]);
  if (!(await verifyPassword(user.passwordHash, password))) throw wrongPasswordError();
  await clearAttempts(ctx, [counter]);
}

/** Changes one's password; every other session of the account ends, this one stays. */
export async function changePassword({
  ctx,
  actor,
  sessionId,
  currentPassword,
  newPassword,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  requestId?: string;
}): Promise<void> {
  const user = await loadSelf(ctx, actor);
  await confirmPassword(ctx, user, currentPassword);
  assertAcceptablePassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await ctx.database.db.transaction(async (tx) => {
    const repository = createAccountsRepository({ db: tx });
    await repository.updateUser(user.id, { passwordHash }, ctx.now());
    await repository.deleteSessionsOfUser(user.id, { except: sessionId });
    await recordAccountEvent(tx, { action: 'password_changed', userId: user.id, selfKind: user.kind, requestId });
  });
}

/**
 * A citizen deletes their account: the row stays (cases and audit records point at it) but
 * holds nothing personal any more, and its address is free to register again.
 */
export async function deleteOwnAccount({
  ctx,
  actor,
  password,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  password: string;
  requestId?: string;
}): Promise<void> {
  const user = await loadSelf(ctx, actor);
  if (user.kind === 'staff') throw staffCannotSelfDeleteError();
  await confirmPassword(ctx, user, password);
  await ctx.database.db.transaction(async (tx) => {
    const repository = createAccountsRepository({ db: tx });
    const now = ctx.now();
    await repository.updateUser(
      user.id,
      {
        email: `deleted+${randomUUID()}@invalid`,
        fullName: '',
        phone: null,
        governorate: null,
        passwordHash: null,
        totpSecretEncrypted: null,
        totpEnrolledAt: null,
        deletedAt: now,
      },
      now,
    );
    await repository.deleteSessionsOfUser(user.id);
    await repository.deleteCodesOfUser(user.id);
    await recordAccountEvent(tx, { action: 'account_deleted', userId: user.id, selfKind: user.kind, requestId });
  });
}
