import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** The assignee starts working on the case (assigned or reopened → in_progress). */
export function startCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'start',
    decide: () => ({ events: [{ type: 'CASE_STARTED' }] }),
  });
}
