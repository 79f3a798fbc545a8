import { staffRecipients } from '../handling/staff-recipients.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/** The citizen withdraws a case not yet answered; the deadline no longer runs. */
export function withdrawCase(args: CaseActionArgs & { reason?: string | undefined }) {
  return performCaseAction({
    ...args,
    action: 'withdraw',
    decide: ({ theCase, now }) => ({
      patch: { closedAt: now, pausedAt: null, lockHolderId: null, lockExpiresAt: null },
      events: [{ type: 'CASE_WITHDRAWN', data: args.reason ? { reason: args.reason } : {} }],
      notifications: staffRecipients(theCase, 'case_withdrawn'),
    }),
  });
}
