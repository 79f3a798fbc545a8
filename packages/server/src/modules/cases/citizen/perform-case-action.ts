import type { CaseAction } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { type ActionEffects, allowedTransition, type EventActor, recordTransition } from '../case-change.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { dispatchCaseNotifications } from '../notifications/case-notifications.ts';
import { type CaseLocator, locateCase } from '../tracking/case-access.ts';

export interface CaseActionArgs {
  ctx: AppContext;
  actor: Actor;
  locator: CaseLocator;
  requestId?: string | undefined;
}

/**
 * How a citizen (or any actor reaching a case by its locator) changes a case: in one transaction,
 * lock the case, check (state, action, roles) against the state machine, let the action check its
 * own rules and say what else changes, then write it all through recordCaseChange. Notifications
 * are queued after commit. A refused action changes nothing.
 */
export async function performCaseAction({
  ctx,
  actor,
  locator,
  requestId,
  action,
  decide,
}: CaseActionArgs & {
  action: CaseAction;
  decide: (args: {
    theCase: CaseRow;
    roles: ReadonlySet<CaseRole>;
    tx: Database;
    now: Date;
  }) => Promise<ActionEffects> | ActionEffects;
}): Promise<{ theCase: CaseRow; roles: Set<CaseRole> }> {
  const now = ctx.now();
  const { result, notificationIds } = await ctx.database.db.transaction(async (tx) => {
    const { theCase, roles } = await locateCase({ db: tx, config: ctx.config, actor, locator, forUpdate: true });
    const decision = allowedTransition(theCase.state, action, roles);
    const effects = await decide({ theCase, roles, tx, now });
    const { row, notificationIds } = await recordTransition(tx, {
      theCase,
      now,
      action,
      decision,
      actor,
      requestId,
      eventActor: eventActorOf(actor, roles),
      effects,
    });
    return { result: { theCase: row!, roles }, notificationIds };
  });
  await dispatchCaseNotifications(ctx, notificationIds);
  return result;
}

/** Events show who acted: a holder without a session acts as a guest. */
export function eventActorOf(actor: Actor, roles: ReadonlySet<CaseRole>): EventActor {
  switch (actor.kind) {
    case 'staff':
      return { actorKind: 'staff', actorId: actor.userId };
    case 'system':
      return { actorKind: 'system', actorId: null };
    case 'citizen':
      return roles.has('owner')
        ? { actorKind: 'citizen', actorId: actor.userId }
        : { actorKind: 'guest', actorId: null };
    case 'anonymous':
      return { actorKind: 'guest', actorId: null };
  }
}
