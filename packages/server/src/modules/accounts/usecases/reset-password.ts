import type { AppContext } from '../../../app-context.ts';
import { deliverQueuedMail, enqueueTemplatedMail } from '../../mail/index.ts';
import { clearSignInLimitsOf } from '../accounts.attempts.ts';
import { recordAccountEvent } from '../accounts.audit.ts';
import { assertAcceptablePassword, hashPassword } from '../accounts.passwords.ts';
import { CODE_TTL_MINUTES } from '../accounts.policies.ts';
import { createAccountsRepository } from '../accounts.repository.ts';
import { issueCode, redeemCode } from './one-time-codes.ts';

/** E-mails a reset code if the address has an active account; answers the same either way. */
export async function requestPasswordReset({ ctx, email }: { ctx: AppContext; email: string }): Promise<void> {
  const emailIds = await ctx.database.db.transaction(async (tx) => {
    const user = await createAccountsRepository({ db: tx }).findLiveUserByEmail(email);
    if (!user?.isActive) return [];
    const code = await issueCode({ db: tx, ctx, userId: user.id, purpose: 'reset_password' });
    return [
      await enqueueTemplatedMail({
        db: tx,
        to: user.email,
        language: user.language,
        template: 'password_reset_code',
        // The name of an account never verified is whatever its registrant typed: not written
        // back to the address in ePeople's name (docs/notifications.md).
        params: { fullName: user.emailVerifiedAt ? user.fullName : '', code, minutes: CODE_TTL_MINUTES },
      }),
    ];
  });
  await deliverQueuedMail(ctx, emailIds);
}

/**
 * Sets a new password with an e-mailed code (also a staff member's first password). Reading the
 * code proves the address, so it is marked verified; the sign-in limits of the account are lifted
 * (not its second factor's: docs/access-control.md); and every session of
 * the account ends, since whoever else knew the old password may be signed in.
 */
export async function resetPassword({
  ctx,
  email,
  code,
  newPassword,
  requestId,
}: {
  ctx: AppContext;
  email: string;
  code: string;
  newPassword: string;
  requestId?: string;
}): Promise<void> {
  assertAcceptablePassword(newPassword);
  const passwordHash = await hashPassword(newPassword);
  await redeemCode({
    ctx,
    email,
    purpose: 'reset_password',
    code,
    apply: async (tx, user) => {
      const repository = createAccountsRepository({ db: tx });
      const now = ctx.now();
      await repository.updateUser(user.id, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now }, now);
      await clearSignInLimitsOf(ctx, tx, user.email);
      await repository.deleteSessionsOfUser(user.id);
      await recordAccountEvent(tx, { action: 'password_reset', userId: user.id, selfKind: user.kind, requestId });
      if (!user.emailVerifiedAt) {
        await recordAccountEvent(tx, {
          action: 'email_verified',
          userId: user.id,
          selfKind: user.kind,
          requestId,
          data: { by: 'password_reset' },
        });
      }
    },
  });
}
