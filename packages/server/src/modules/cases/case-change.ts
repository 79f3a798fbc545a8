import type { CaseAction } from '@epeople/contracts';
import { type Actor, auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { type CaseAuditAction, checkedAuditData } from './cases.audit.ts';
import { createActionNotAllowedError, createInvalidTransitionError } from './cases.errors.ts';
import { CASE_EVENTS, type CaseEventInput, checkedEventData } from './cases.events.ts';
import { type CasePatch, createCasesRepository, type NewCaseNotification } from './cases.repository.ts';
import { type CaseRole, transition } from './cases.state-machine.ts';
import type { CaseRow } from './cases.table.ts';
import { createCaseLockedError } from './handling/case-handling.errors.ts';
import { createCaseHandlingRepository } from './handling/case-handling.repository.ts';

/** Who an event shows as having acted (a holder without a session shows as a guest). */
export interface EventActor {
  actorKind: 'citizen' | 'guest' | 'staff' | 'system';
  actorId: string | null;
}

export interface CaseChange {
  theCase: Pick<CaseRow, 'id'>;
  now: Date;
  /** The new state and fields, if the case row itself changes. */
  patch?: CasePatch;
  /**
   * Write the patch only while the case lock is free or this user's: of two handlers racing, the
   * one who lost the lock changes nothing (the change fails with cases.locked).
   */
  onlyIfLockAllows?: { userId: string };
  eventActor: EventActor;
  events?: readonly CaseEventInput[];
  audit: {
    actor: Actor;
    action: CaseAuditAction;
    /** The case unless said otherwise (the sign job audits the signed answer). */
    subject?: { type: string; id: string };
    requestId?: string | null | undefined;
    data: Record<string, unknown>;
  };
  notifications?: readonly NewCaseNotification[];
}

/**
 * The one write path of a case change (docs/ARCHITECTURE.md, "Data flow of a change"): inside the
 * caller's transaction, the new state, the timeline events (visibility and payload checked
 * against cases.events.ts), the audit row (checked against cases.audit.ts) and the notification
 * outbox rows. The caller queues the returned notification ids after commit
 * (dispatchCaseNotifications), so nothing leaves before the change is durable.
 */
export async function recordCaseChange(
  tx: Database,
  change: CaseChange,
): Promise<{ row: CaseRow | undefined; notificationIds: string[] }> {
  const cases = createCasesRepository({ db: tx });
  const events = (change.events ?? []).map((event) => ({
    caseId: change.theCase.id,
    type: event.type,
    visibility: CASE_EVENTS[event.type].visibility,
    ...change.eventActor,
    data: checkedEventData(event),
    createdAt: change.now,
  }));
  const auditData = checkedAuditData(change.audit.action, change.audit.data);
  let row: CaseRow | undefined;
  if (change.patch) {
    row = change.onlyIfLockAllows
      ? await createCaseHandlingRepository({ db: tx }).updateIfLockAllows(
          change.theCase.id,
          change.onlyIfLockAllows.userId,
          change.patch,
          change.now,
        )
      : await cases.update(change.theCase.id, change.patch, change.now);
    if (!row) throw createCaseLockedError(undefined);
  }
  await cases.insertEvents(events);
  await createAuditRepository({ db: tx }).record({
    ...auditActorOf(change.audit.actor),
    action: change.audit.action,
    subjectType: change.audit.subject?.type ?? 'case',
    subjectId: change.audit.subject?.id ?? change.theCase.id,
    requestId: change.audit.requestId ?? null,
    data: auditData,
  });
  const notificationIds = await cases.insertNotifications(change.notifications ?? []);
  return { row, notificationIds };
}

/** What an action decides once the state machine allowed it: the rest of the change. */
export interface ActionEffects {
  patch?: CasePatch;
  events?: CaseEventInput[];
  /** E-mail / SMS to the citizen and in-app rows for staff (channel `in_app`, recipient a user id). */
  notifications?: NewCaseNotification[];
  /** Extra audit data (never personal data, codes or message bodies). */
  audit?: Record<string, unknown>;
}

type AllowedTransition = Extract<ReturnType<typeof transition>, { ok: true }>;

/**
 * The state machine's answer for a state-machine action (cases.state-machine.ts), or the problem
 * its caller gets: a wrong state is cases.invalid_transition, a wrong person cases.action_not_allowed.
 */
export function allowedTransition(
  state: CaseRow['state'],
  action: CaseAction,
  roles: ReadonlySet<CaseRole>,
): AllowedTransition {
  const decision = transition(state, action, roles);
  if (!decision.ok) {
    throw decision.reason === 'not_allowed' ? createActionNotAllowedError() : createInvalidTransitionError();
  }
  return decision;
}

/**
 * A state-machine action written through recordCaseChange, the same for citizens and staff: the
 * new state over the action's effects (and the lock's fields, for staff), audited as
 * `cases.<action>` with the states it moved between.
 */
export function recordTransition(
  tx: Database,
  {
    theCase,
    now,
    action,
    decision,
    actor,
    requestId,
    eventActor,
    effects,
    lockPatch = {},
    onlyIfLockAllows,
  }: {
    theCase: Pick<CaseRow, 'id' | 'reference'>;
    now: Date;
    action: CaseAction;
    decision: AllowedTransition;
    actor: Actor;
    requestId: string | null | undefined;
    eventActor: EventActor;
    effects: ActionEffects;
    lockPatch?: CasePatch;
    onlyIfLockAllows?: { userId: string } | undefined;
  },
): Promise<{ row: CaseRow | undefined; notificationIds: string[] }> {
  return recordCaseChange(tx, {
    theCase,
    now,
    patch: { ...effects.patch, ...lockPatch, state: decision.to },
    ...(onlyIfLockAllows ? { onlyIfLockAllows } : {}),
    eventActor,
    events: effects.events ?? [],
    audit: {
      actor,
      action: `cases.${action}`,
      requestId,
      data: { reference: theCase.reference, from: decision.from, to: decision.to, ...effects.audit },
    },
    notifications: effects.notifications ?? [],
  });
}
