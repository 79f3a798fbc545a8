import type { GovernorateCode, Language } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { deliverQueuedMail, enqueueTemplatedMail } from '../../mail/index.ts';
import { assertSmsCountryAllowed } from '../../sms/index.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import { assertAcceptablePassword, hashPassword } from '../accounts.passwords.ts';
import { CODE_TTL_MINUTES } from '../accounts.policies.ts';
import { createAccountsRepository } from '../accounts.repository.ts';
import { issueCode, redeemCode } from './one-time-codes.ts';

export interface RegisterInput {
  email: string;
  phone?: string | undefined;
  password: string;
  fullName: string;
  governorate?: GovernorateCode | undefined;
  language: Language;
}

const pageUrl = (ctx: AppContext, path: string) => new URL(path, ctx.config.PUBLIC_URL).toString();

/**
 * Registers a citizen and e-mails a verification code. The answer never tells whether the
 * address already had an account: that address gets an e-mail saying someone tried, and the
 * password is hashed either way so both paths take about as long.
 */
export async function registerCitizen({
  ctx,
  input,
  requestId,
}: {
  ctx: AppContext;
  input: RegisterInput;
  requestId?: string;
}): Promise<void> {
  assertAcceptablePassword(input.password);
  // The phone may get SMS (notification preferences): only numbers ePeople texts (docs/notifications.md).
  if (input.phone) assertSmsCountryAllowed(ctx.config, input.phone);
  const passwordHash = await hashPassword(input.password);
  const emailIds = await ctx.database.db.transaction(async (tx) => {
    const repository = createAccountsRepository({ db: tx });
    const created = await repository.insertUserUnlessEmailTaken({
      kind: 'citizen',
      email: input.email,
      passwordHash,
      fullName: input.fullName,
      phone: input.phone ?? null,
      governorate: input.governorate ?? null,
      language: input.language,
      emailVerifiedAt: null,
    });
    if (!created) {
      const existing = await repository.findLiveUserByEmail(input.email);
      if (!existing) return [];
      return [
        await enqueueTemplatedMail({
          db: tx,
          to: existing.email,
          language: existing.language,
          template: 'registration_attempt',
          params: {
            // An account never verified has a name typed by whoever registered it (docs/notifications.md).
            fullName: existing.emailVerifiedAt ? existing.fullName : '',
            signInUrl: pageUrl(ctx, '/sign-in'),
            resetUrl: pageUrl(ctx, '/forgot-password'),
          },
        }),
      ];
    }
    const code = await issueCode({ db: tx, ctx, userId: created.id, purpose: 'verify_email' });
    await recordAccountEvent(tx, {
      action: 'registered',
      userId: created.id,
      requestId,
      data: { language: input.language, hasPhone: Boolean(input.phone), hasGovernorate: Boolean(input.governorate) },
    });
    return [
      await enqueueTemplatedMail({
        db: tx,
        to: input.email,
        language: input.language,
        template: 'verification_code',
        params: { code, minutes: CODE_TTL_MINUTES },
      }),
    ];
  });
  await deliverQueuedMail(ctx, emailIds);
}

/** Sends a fresh verification code to an unverified account; silently nothing otherwise. */
export async function resendVerification({ ctx, email }: { ctx: AppContext; email: string }): Promise<void> {
  const emailIds = await ctx.database.db.transaction(async (tx) => {
    const user = await createAccountsRepository({ db: tx }).findLiveUserByEmail(email);
    if (!user?.isActive || user.emailVerifiedAt) return [];
    const code = await issueCode({ db: tx, ctx, userId: user.id, purpose: 'verify_email' });
    return [
      await enqueueTemplatedMail({
        db: tx,
        to: user.email,
        language: user.language,
        template: 'verification_code',
        params: { code, minutes: CODE_TTL_MINUTES },
      }),
    ];
  });
  await deliverQueuedMail(ctx, emailIds);
}

export async function verifyEmail({
  ctx,
  email,
  code,
  requestId,
}: {
  ctx: AppContext;
  email: string;
  code: string;
  requestId?: string;
}): Promise<void> {
  await redeemCode({
    ctx,
    email,
    purpose: 'verify_email',
    code,
    apply: async (tx, user) => {
      if (user.emailVerifiedAt) return;
      await createAccountsRepository({ db: tx }).updateUser(user.id, { emailVerifiedAt: ctx.now() }, ctx.now());
      await recordAccountEvent(tx, { action: 'email_verified', userId: user.id, selfKind: user.kind, requestId });
    },
  });
}
