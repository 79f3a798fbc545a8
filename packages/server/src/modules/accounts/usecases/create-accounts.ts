import type { GovernorateCode, Language } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { enqueueTemplatedMail } from '../../mail/index.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import { staffEmailTakenError } from '../accounts.errors.ts';
import { assertAcceptablePassword, hashPassword } from '../accounts.passwords.ts';
import { STAFF_INVITATION_TTL_HOURS } from '../accounts.policies.ts';
import { createAccountsRepository } from '../accounts.repository.ts';
import { issueCode } from './one-time-codes.ts';

/**
 * Creates a staff account inside the CALLER's transaction (the staff module checks who may, and
 * assigns roles in the same transaction). No password yet: the invitation e-mail carries a code
 * that sets one through the password-reset page. After commit, the caller runs
 * `deliverQueuedMail(ctx, emailIds)` (or `deliverQueuedMail(ctx)`).
 */
export async function createStaffAccount({
  db,
  ctx,
  input,
  actor,
  requestId,
}: {
  db: Database;
  ctx: AppContext;
  input: { email: string; fullName: string; language: Language };
  actor: Actor;
  requestId?: string | undefined;
}): Promise<{ userId: string; emailIds: string[] }> {
  const email = input.email.trim().toLowerCase();
  const created = await createAccountsRepository({ db }).insertUserUnlessEmailTaken({
    kind: 'staff',
    email,
    passwordHash: null,
    fullName: input.fullName,
    language: input.language,
    emailVerifiedAt: ctx.now(),
  });
  if (!created) throw staffEmailTakenError();
  const code = await issueCode({
    db,
    ctx,
    userId: created.id,
    purpose: 'reset_password',
    ttlMinutes: STAFF_INVITATION_TTL_HOURS * 60,
  });
  const emailId = await enqueueTemplatedMail({
    db,
    to: email,
    language: input.language,
    template: 'staff_invitation',
    params: {
      fullName: input.fullName,
      code,
      hours: STAFF_INVITATION_TTL_HOURS,
      setPasswordUrl: new URL('/reset-password', ctx.config.PUBLIC_URL).toString(),
    },
  });
  await recordAccountEvent(db, {
    action: 'staff_created',
    userId: created.id,
    actor,
    requestId,
    data: { language: input.language },
  });
  return { userId: created.id, emailIds: [emailId] };
}

/**
 * An account with a known password and a verified address, for demo data and the CLI's
 * "create administrator". `allowWeak` skips the common-password check: demo accounts only.
 */
export async function createUserWithPassword({
  db,
  kind,
  email,
  password,
  fullName,
  language,
  governorate,
  allowWeak = false,
  now = new Date(),
}: {
  db: Database;
  kind: 'citizen' | 'staff';
  email: string;
  password: string;
  fullName: string;
  language: Language;
  governorate?: GovernorateCode | null | undefined;
  allowWeak?: boolean;
  now?: Date;
}): Promise<{ userId: string }> {
  assertAcceptablePassword(password, { allowWeak });
  const created = await createAccountsRepository({ db }).insertUserUnlessEmailTaken({
    kind,
    email: email.trim().toLowerCase(),
    passwordHash: await hashPassword(password),
    fullName,
    governorate: governorate ?? null,
    language,
    emailVerifiedAt: now,
  });
  if (!created) throw staffEmailTakenError();
  await recordAccountEvent(db, {
    action: kind === 'staff' ? 'staff_created' : 'registered',
    userId: created.id,
    actor: { kind: 'system', name: 'cli' },
    data: { language },
  });
  return { userId: created.id };
}
