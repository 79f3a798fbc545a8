import type { REJECTION_REASONS } from '@epeople/contracts';
import { notifyCitizen } from './case-handling.notify.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** Rejects the case (inadmissible, duplicate, out of scope) with an explanation the citizen reads. */
export function rejectCase(
  args: StaffActionArgs & { reason: (typeof REJECTION_REASONS)[number]; explanation: string },
) {
  return performStaffAction({
    ...args,
    action: 'reject',
    decide: async ({ theCase, tx }) => ({
      patch: { rejectionReason: args.reason },
      events: [{ type: 'CASE_REJECTED', data: { reason: args.reason, explanation: args.explanation } }],
      notifications: await notifyCitizen({
        ctx: args.ctx,
        db: tx,
        theCase,
        template: 'case_rejected',
        message: args.explanation,
      }),
      audit: { reason: args.reason },
    }),
  });
}
