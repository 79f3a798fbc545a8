import { reaches } from '../../units/index.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { createNotContributorError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/** A contributing unit's staff record its part (again, to correct it); the assignee is told. */
export function contribute(args: StaffActionArgs & { contribution: string }) {
  return performStaffAction({
    ...args,
    action: 'contribute',
    decide: async ({ theCase, actor, tx, now }) => {
      const handling = createCaseHandlingRepository({ db: tx });
      const cases = createCasesRepository({ db: tx });
      const assignments = actor.roles.filter((role) => role.role === 'officer' || role.role === 'supervisor');
      let unitId: string | undefined;
      for (const candidate of await handling.contributorUnitIds(theCase.id)) {
        const path = await cases.unitPath(candidate);
        if (assignments.some((assignment) => reaches(assignment, path))) {
          unitId = candidate;
          break;
        }
      }
      if (!unitId) throw createNotContributorError();
      await handling.recordContribution(theCase.id, unitId, args.contribution, now);
      return {
        events: [{ type: 'CONTRIBUTION_ADDED', data: { unitId } }],
        notifications: staffNotifications(
          theCase,
          [theCase.assigneeId],
          'contribution_added',
          { unitId },
          actor.userId,
        ),
        audit: { unitId },
      };
    },
  });
}
