import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** Closes an answered case by hand (the job closes it after 30 days without a follow-up). */
export function closeCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'close',
    decide: ({ now }) => ({ patch: { closedAt: now }, events: [{ type: 'CASE_CLOSED', data: { automatic: false } }] }),
  });
}
