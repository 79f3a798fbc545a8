import type { CaseAction } from '@epeople/contracts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { reaches } from '../../units/index.ts';
import { caseRolesOf } from '../cases.policies.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { type CaseRole, isIn, TERMINAL_STATES } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

/** Taking a case locks it this long; every action of the holder renews it. */
export const LOCK_MINUTES = 15;
export const lockUntil = (now: Date): Date => new Date(now.getTime() + LOCK_MINUTES * 60_000);

/** Roles that handle the case itself (and so take its lock). */
export const HANDLER_ROLES: readonly CaseRole[] = ['officer', 'assignee', 'supervisor', 'central_office'];
/** Roles that may break another handler's lock. */
export const LOCK_BREAKER_ROLES: readonly CaseRole[] = ['supervisor', 'central_office'];

/**
 * What an action does with the lock. Actions that hand the case to someone else (a supervisor's
 * review, the citizen, another unit) release it, so the next person can act at once; working
 * actions take or renew it; a contributing unit's part is its own row, so it ignores the lock.
 */
export const LOCK_EFFECT: Readonly<Record<CaseAction, 'renew' | 'release' | 'ignore'>> = {
  register: 'renew',
  assign: 'release',
  start: 'renew',
  transfer: 'release',
  request_info: 'release',
  add_note: 'renew',
  link_duplicate: 'renew',
  add_contributor: 'renew',
  extend_deadline: 'renew',
  save_draft: 'renew',
  submit_draft: 'release',
  return_draft: 'release',
  approve_draft: 'release',
  answer: 'release',
  reject: 'release',
  close: 'release',
  contribute: 'ignore',
  // The citizen's actions never touch the back office's lock.
  reply_info: 'ignore',
  add_document: 'ignore',
  withdraw: 'ignore',
  rate: 'ignore',
  request_follow_up: 'ignore',
  consent_identity: 'ignore',
  consent_extension: 'ignore',
  send_message: 'ignore',
};

const hasAny = (roles: ReadonlySet<CaseRole>, wanted: readonly CaseRole[]) => wanted.some((role) => roles.has(role));

/** Someone other than `userId` holds an unexpired lock. */
export const isLockedByOther = (theCase: CaseRow, userId: string, now: Date): boolean =>
  theCase.lockHolderId !== null &&
  theCase.lockHolderId !== userId &&
  theCase.lockExpiresAt !== null &&
  theCase.lockExpiresAt > now;

/**
 * The roles a staff member holds on a case: those of cases.policies.ts (officer, supervisor and
 * central office by reach; assignee), plus `contributor` when an officer or supervisor role of
 * theirs reaches a unit contributing to the case.
 */
export async function staffRolesOn(db: Database, actor: Actor, theCase: CaseRow): Promise<Set<CaseRole>> {
  const cases = createCasesRepository({ db });
  const roles = caseRolesOf(actor, theCase, actor.kind === 'staff' ? await cases.unitPath(theCase.unitId) : []);
  if (actor.kind !== 'staff') return roles;
  const handlerAssignments = actor.roles.filter((role) => role.role === 'officer' || role.role === 'supervisor');
  if (handlerAssignments.length === 0) return roles;
  for (const unitId of await createCaseHandlingRepository({ db }).contributorUnitIds(theCase.id)) {
    const path = await cases.unitPath(unitId);
    if (handlerAssignments.some((assignment) => reaches(assignment, path))) {
      roles.add('contributor');
      break;
    }
  }
  return roles;
}

/** The lock buttons a viewer has now. */
export function lockActionsFor(
  theCase: CaseRow,
  roles: ReadonlySet<CaseRole>,
  userId: string,
  now: Date,
): Array<'take' | 'release' | 'break_lock'> {
  if (isIn(TERMINAL_STATES, theCase.state) || !hasAny(roles, HANDLER_ROLES)) return [];
  const heldByMe = theCase.lockHolderId === userId && theCase.lockExpiresAt !== null && theCase.lockExpiresAt > now;
  if (heldByMe) return ['take', 'release'];
  if (!isLockedByOther(theCase, userId, now)) return ['take'];
  return hasAny(roles, LOCK_BREAKER_ROLES) ? ['break_lock'] : [];
}

export const canTakeLock = (roles: ReadonlySet<CaseRole>) => hasAny(roles, HANDLER_ROLES);
export const canBreakLock = (roles: ReadonlySet<CaseRole>) => hasAny(roles, LOCK_BREAKER_ROLES);
