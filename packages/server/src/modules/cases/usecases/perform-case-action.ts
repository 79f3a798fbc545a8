import type { CaseAction } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { type Actor, auditActorOf } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { createAuditRepository } from '../../audit/index.ts';
import { createActionNotAllowedError, createInvalidTransitionError } from '../cases.errors.ts';
import { CASE_EVENT_VISIBILITY, type CaseEventType } from '../cases.events.ts';
import { dispatchCaseNotifications } from '../cases.notifications.ts';
import { type CasePatch, createCasesRepository, type NewCaseNotification } from '../cases.repository.ts';
import { type CaseRole, transition } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { type CaseLocator, locateCase } from './case-access.ts';

/** What an action decides once the state machine allowed it: the rest of the change. */
export interface ActionEffects {
  patch?: CasePatch;
  events?: Array<{ type: CaseEventType; data?: Record<string, unknown> }>;
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
 * The one way a case changes: in one transaction, lock the case, check (state, action, roles)
 * against the state machine, let the action check its own rules and say what else changes, then
 * write the new state, the events, the audit record and the notification outbox. Notifications
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
    const repository = createCasesRepository({ db: tx });
    const updated = await repository.update(theCase.id, { ...effects.patch, state: decision.to }, now);
    const { actorId, actorKind } = eventActorOf(actor, roles);
    await repository.insertEvents(
      (effects.events ?? []).map((event) => ({
        caseId: theCase.id,
        type: event.type,
        visibility: CASE_EVENT_VISIBILITY[event.type],
        actorKind,
        actorId,
        data: event.data ?? {},
        createdAt: now,
      })),
    );
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: `cases.${action}`,
      subjectType: 'case',
      subjectId: theCase.id,
      requestId: requestId ?? null,
      data: { reference: theCase.reference, from: decision.from, to: decision.to, ...effects.audit },
    });
    const notificationIds = await repository.insertNotifications(effects.notifications ?? []);
    return { result: { theCase: updated, roles }, notificationIds };
  });
  await dispatchCaseNotifications(ctx, notificationIds);
  return result;
}

/** Events show who acted: a holder without a session acts as a guest. */
export function eventActorOf(
  actor: Actor,
  roles: ReadonlySet<CaseRole>,
): { actorKind: 'citizen' | 'guest' | 'staff' | 'system'; actorId: string | null } {
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
