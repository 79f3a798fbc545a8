import type { CaseAction } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { requireStaff, type StaffActor } from '../../accounts/index.ts';
import { type ActionEffects, allowedTransition, recordTransition } from '../case-change.ts';
import { createCaseNotFoundError } from '../cases.errors.ts';
import { type CasePatch, createCasesRepository, type NewCaseNotification } from '../cases.repository.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { dispatchCaseNotifications } from '../notifications/case-notifications.ts';
import { createCaseLockedError } from './case-handling.errors.ts';
import { isLockedByOther, LOCK_EFFECT, lockUntil, staffRolesOn } from './case-handling.policies.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

export interface StaffActionArgs {
  ctx: AppContext;
  actor: Actor;
  caseId: string;
  requestId?: string | undefined;
}

export interface DecideArgs {
  theCase: CaseRow;
  roles: ReadonlySet<CaseRole>;
  actor: StaffActor;
  tx: Database;
  now: Date;
}

/**
 * How the back office changes a case (documenso's shape): in one transaction, load the case
 * locked FOR UPDATE, derive the actor's roles on it, ask the state machine, check the lock, let
 * the action check its own rules and say what else changes, then write it through
 * recordCaseChange (the state through a conditional UPDATE that also takes, renews or releases
 * the lock). Any refusal throws inside the transaction: nothing is written.
 * Notifications are queued after commit.
 */
export async function performStaffAction({
  ctx,
  actor,
  caseId,
  requestId,
  action,
  decide,
}: StaffActionArgs & {
  action: CaseAction;
  decide: (args: DecideArgs) => Promise<ActionEffects> | ActionEffects;
}): Promise<CaseRow> {
  requireStaff(actor);
  const now = ctx.now();
  const { updated, notificationIds } = await ctx.database.db.transaction(async (tx) => {
    const cases = createCasesRepository({ db: tx });
    const handling = createCaseHandlingRepository({ db: tx });
    const theCase = await cases.findByIdForUpdate(caseId);
    if (!theCase) throw createCaseNotFoundError();
    const roles = await staffRolesOn(tx, actor, theCase);
    if (roles.size === 0) throw createCaseNotFoundError();
    const decision = allowedTransition(theCase.state, action, roles);
    const lockEffect = LOCK_EFFECT[action];
    if (lockEffect !== 'ignore' && isLockedByOther(theCase, actor.userId, now)) {
      throw createCaseLockedError(await handling.displayName(theCase.lockHolderId as string));
    }
    const effects = await decide({ theCase, roles, actor, tx, now });
    const lockPatch: CasePatch =
      lockEffect === 'renew'
        ? { lockHolderId: actor.userId, lockExpiresAt: lockUntil(now) }
        : lockEffect === 'release'
          ? { lockHolderId: null, lockExpiresAt: null }
          : {};
    const { row, notificationIds } = await recordTransition(tx, {
      theCase,
      now,
      action,
      decision,
      actor,
      requestId,
      eventActor: { actorKind: 'staff', actorId: actor.userId },
      effects,
      lockPatch,
      onlyIfLockAllows: lockEffect === 'ignore' ? undefined : { userId: actor.userId },
    });
    return { updated: row!, notificationIds };
  });
  await dispatchCaseNotifications(ctx, notificationIds);
  return updated;
}

/** In-app notifications for staff members (delivered to staff_notifications by the outbox job). */
export function staffNotifications(
  theCase: CaseRow,
  userIds: ReadonlyArray<string | null | undefined>,
  template: string,
  data: Record<string, unknown> = {},
  except?: string,
): NewCaseNotification[] {
  const recipients = [...new Set(userIds.filter((id): id is string => Boolean(id) && id !== except))];
  return recipients.map((userId) => ({
    caseId: theCase.id,
    channel: 'in_app' as const,
    recipient: userId,
    language: theCase.language,
    template,
    data: { reference: theCase.reference, title: theCase.title, ...data },
  }));
}
