import type { Actor } from '../../auth/actor.ts';
import { auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';

/** Audit actions of this module; `data` never holds passwords, codes, secrets or new values. */
export type AccountsAuditAction =
  | 'registered'
  | 'email_verified'
  | 'signed_in'
  | 'sign_in_failed'
  | 'locked'
  | 'signed_out'
  | 'second_factor_enrolled'
  | 'password_reset'
  | 'password_changed'
  | 'profile_updated'
  | 'account_deleted'
  | 'staff_created';

/** Writes `accounts.<action>` about one user, in the caller's transaction. */
export async function recordAccountEvent(
  db: Database,
  event: {
    action: AccountsAuditAction;
    userId: string;
    /** Who acted; defaults to the account itself (self-service actions). */
    actor?: Actor;
    selfKind?: 'citizen' | 'staff';
    requestId?: string | undefined;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const who = event.actor
    ? auditActorOf(event.actor)
    : { actorId: event.userId, actorKind: event.selfKind ?? ('citizen' as const) };
  await createAuditRepository({ db }).record({
    ...who,
    action: `accounts.${event.action}`,
    subjectType: 'user',
    subjectId: event.userId,
    requestId: event.requestId ?? null,
    data: event.data ?? {},
  });
}
