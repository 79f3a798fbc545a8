import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** The unit accepts the case (submitted → registered). */
export function registerCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'register',
    decide: () => ({ events: [{ type: 'CASE_REGISTERED' }] }),
  });
}
