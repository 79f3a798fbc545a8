import type { CaseAssignee } from '@epeople/contracts';
import { requireStaff } from '../../accounts/index.ts';
import { reaches } from '../../units/index.ts';
import { createAssigneeNotEligibleError } from '../case-handling.errors.ts';
import { staffRolesOn } from '../case-handling.policies.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import { createActionNotAllowedError, createCaseNotFoundError } from '../cases.errors.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { type CaseRole, TRANSITIONS } from '../cases.state-machine.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/** The unit accepts the case (submitted → registered). */
export function registerCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'register',
    decide: () => ({ events: [{ type: 'CASE_REGISTERED' }] }),
  });
}

/**
 * Assigns or reassigns the case to a handler: an active staff member holding the officer or
 * supervisor role over the case's unit. The new assignee is told in-app.
 */
export function assignCase(args: StaffActionArgs & { assigneeId: string }) {
  return performStaffAction({
    ...args,
    action: 'assign',
    decide: async ({ theCase, actor, tx }) => {
      const path = await createCasesRepository({ db: tx }).unitPath(theCase.unitId);
      const roles = await createCaseHandlingRepository({ db: tx }).activeStaffRoles(args.assigneeId);
      const eligible = roles.some(
        (role) => (role.role === 'officer' || role.role === 'supervisor') && reaches(role, path),
      );
      if (!eligible) throw createAssigneeNotEligibleError();
      return {
        patch: { assigneeId: args.assigneeId },
        events: [
          { type: 'CASE_ASSIGNED', data: { assigneeId: args.assigneeId, previousAssigneeId: theCase.assigneeId } },
        ],
        notifications: staffNotifications(theCase, [args.assigneeId], 'case_assigned', {}, actor.userId),
        audit: { assigneeId: args.assigneeId, previousAssigneeId: theCase.assigneeId },
      };
    },
  });
}

/** The assignee starts working on the case (assigned or reopened → in_progress). */
export function startCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'start',
    decide: () => ({ events: [{ type: 'CASE_STARTED' }] }),
  });
}

/** Who may assign: the roles of the state machine's `assign` rules (supervisor, central office). */
const ASSIGNER_ROLES: ReadonlySet<CaseRole> = new Set(TRANSITIONS.assign.flatMap((rule) => rule.by));

/**
 * The people the assign dialog offers: active staff holding the officer or supervisor role over
 * the case's unit (the same rule assignCase checks), names and ids only. For those who may
 * assign the case; other staff within reach are refused, staff outside it told it does not exist.
 */
export async function listAssignableStaff(args: StaffActionArgs): Promise<{ assignees: CaseAssignee[] }> {
  const { ctx, actor, caseId } = args;
  requireStaff(actor);
  const db = ctx.database.db;
  const cases = createCasesRepository({ db });
  const theCase = await cases.findById(caseId);
  if (!theCase) throw createCaseNotFoundError();
  const roles = await staffRolesOn(db, actor, theCase);
  if (roles.size === 0) throw createCaseNotFoundError();
  if (![...roles].some((role) => ASSIGNER_ROLES.has(role))) throw createActionNotAllowedError();
  const path = await cases.unitPath(theCase.unitId);
  return { assignees: await createCaseHandlingRepository({ db }).assignableStaff(path) };
}
