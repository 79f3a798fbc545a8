import { reaches } from '../../units/index.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { createAssigneeNotEligibleError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

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
