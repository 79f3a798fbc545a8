import type { CaseAction } from '@epeople/contracts';
import type { Actor } from '../../auth/actor.ts';
import { reaches, type UnitPath } from '../units/index.ts';
import type { CaseRole } from './cases.state-machine.ts';
import type { CaseRow } from './cases.table.ts';

/** How the caller proved a right to a case besides a session: the access code, checked already. */
export interface CaseCredentials {
  hasValidAccessCode: boolean;
}

/**
 * The roles an actor holds on one case (the state machine's `by` column). Staff roles count only
 * where their assignment reaches the case's unit (`unitPath`, nearest first); the central office
 * role reaches every case; `assignee` needs an officer or supervisor role there as well. A citizen is the owner of a case filed from their account; whoever
 * presents the right access code is its holder (guests, anonymous reporters).
 */
export function caseRolesOf(
  actor: Actor,
  theCase: Pick<CaseRow, 'citizenId' | 'assigneeId'>,
  unitPath: UnitPath,
  credentials: CaseCredentials = { hasValidAccessCode: false },
): Set<CaseRole> {
  const roles = new Set<CaseRole>();
  if (credentials.hasValidAccessCode) roles.add('holder');
  switch (actor.kind) {
    case 'system':
      roles.add('system');
      break;
    case 'citizen':
      if (theCase.citizenId !== null && theCase.citizenId === actor.userId) roles.add('owner');
      break;
    case 'staff':
      for (const assignment of actor.roles) {
        if (assignment.role === 'central_office') roles.add('central_office');
        if (assignment.role === 'officer' && reaches(assignment, unitPath)) roles.add('officer');
        if (assignment.role === 'supervisor' && reaches(assignment, unitPath)) roles.add('supervisor');
      }
      // Assignment gives access only while a handling role in the case's unit does
      // (docs/access-control.md): a member whose roles were revoked or moved elsewhere keeps
      // the assignment on record, for their supervisor to reassign, but no longer the case.
      if (
        theCase.assigneeId !== null &&
        theCase.assigneeId === actor.userId &&
        (roles.has('officer') || roles.has('supervisor'))
      ) {
        roles.add('assignee');
      }
      break;
    case 'anonymous':
      break;
  }
  return roles;
}

/** Citizen-side roles: these see the public timeline only, never notes, drafts or staff names. */
export const isCitizenView = (roles: ReadonlySet<CaseRole>): boolean =>
  !['officer', 'assignee', 'supervisor', 'central_office', 'system'].some((role) => roles.has(role as CaseRole));

/** Anyone holding a role may see the case; everyone else is told it does not exist. */
export const canSeeCase = (roles: ReadonlySet<CaseRole>): boolean => roles.size > 0;

/**
 * A second extension needs the citizen's consent (docs/PRODUCT.md §4.2): it may be given once the first
 * extension happened and until the second one uses it up.
 */
export const isExtensionAwaitingConsent = (theCase: Pick<CaseRow, 'extensionsCount' | 'extensionConsentedAt'>) =>
  theCase.extensionsCount === 1 && theCase.extensionConsentedAt === null;

/** A follow-up may be asked once, within this many days of the answer. */
export const FOLLOW_UP_WINDOW_DAYS = 30;

/**
 * Rules that depend on the case itself rather than its state (the use cases enforce them too):
 * used to leave out buttons that would only answer an error.
 */
export function isActionApplicable(theCase: CaseRow, action: CaseAction, now: Date): boolean {
  switch (action) {
    case 'send_message':
      return theCase.type === 'notice';
    case 'consent_extension':
      return isExtensionAwaitingConsent(theCase);
    case 'consent_identity':
      return theCase.sealedIdentity !== null && theCase.identityConsentAt === null;
    case 'rate':
      return theCase.rating === null;
    case 'request_follow_up':
      return (
        !theCase.followUpUsed &&
        theCase.answeredAt !== null &&
        now.getTime() - theCase.answeredAt.getTime() <= FOLLOW_UP_WINDOW_DAYS * 24 * 60 * 60 * 1000
      );
    default:
      return true;
  }
}
