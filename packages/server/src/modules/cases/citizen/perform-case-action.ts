import type { CaseAction } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { type EventActor, recordCaseChange } from '../case-change.ts';
import { createActionNotAllowedError, createInvalidTransitionError } from '../cases.errors.ts';
import type { CaseEventInput } from '../cases.events.ts';
import type { CasePatch, NewCaseNotification } from '../cases.repository.ts';
import { type CaseRole, transition } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { dispatchCaseNotifications } from '../notifications/case-notifications.ts';
import { type CaseLocator, locateCase } from '../tracking/case-access.ts';

/** What an action decides once the state machine allowed it: the rest of the change. */
export interface ActionEffects {
  patch?: CasePatch;
  events?: CaseEventInput[];
  notifications?: NewCaseNotification[];
  /** Extra audit data (never personal data, codes or message bodies). */
  audit?: Record<string, unknown>;
}

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
    const decision = transition(theCase.state, action, roles);
    if (!decision.ok) {
      throw decision.reason === 'not_allowed' ? createActionNotAllowedError() : createInvalidTransitionError();
    }
    const effects = await decide({ theCase, roles, tx, now });
    const { row, notificationIds } = await recordCaseChange(tx, {
      theCase,
      now,
      patch: { ...effects.patch, state: decision.to },
      eventActor: eventActorOf(actor, roles),
      events: effects.events ?? [],
      audit: {
        actor,
        action: `cases.${action}`,
        requestId,
        data: { reference: theCase.reference, from: decision.from, to: decision.to, ...effects.audit },
      },
      notifications: effects.notifications ?? [],
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
