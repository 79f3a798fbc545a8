import { createContributorExistsError, createTransferTargetInvalidError } from './case-handling.errors.ts';
import { supervisorsOf } from './case-handling.notify.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/**
 * Makes the case joint: another unit contributes a part, the lead unit (the case's own) answers.
 * The contributing unit's supervisors are told in-app; its staff may then read the case.
 */
export function addContributor(args: StaffActionArgs & { unitId: string }) {
  return performStaffAction({
    ...args,
    action: 'add_contributor',
    decide: async ({ theCase, actor, tx }) => {
      const handling = createCaseHandlingRepository({ db: tx });
      const unit = await handling.findUnit(args.unitId);
      // The same error as a transfer's: the unit does not exist, is closed, or is the lead unit.
      if (!unit?.isActive || unit.id === theCase.unitId) throw createTransferTargetInvalidError();
      if (!(await handling.insertContributor(theCase.id, unit.id, actor.userId))) throw createContributorExistsError();
      return {
        events: [{ type: 'CONTRIBUTOR_ADDED', data: { unitId: unit.id } }],
        notifications: staffNotifications(theCase, await supervisorsOf(tx, unit.id), 'contribution_requested', {
          unitId: unit.id,
        }),
        audit: { unitId: unit.id },
      };
    },
  });
}
