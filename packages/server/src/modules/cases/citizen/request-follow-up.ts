import { restartedCaseClock } from '../../calendar/index.ts';
import { createFollowUpExpiredError, createFollowUpUsedError } from '../cases.errors.ts';
import { FOLLOW_UP_WINDOW_DAYS } from '../cases.policies.ts';
import { notifyCitizen } from '../handling/case-handling.notify.ts';
import { staffRecipients } from '../handling/staff-recipients.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/**
 * A dissatisfied citizen asks for a follow-up: the case reopens to the same unit (and handler),
 * with a new count of the unit's deadline. Its handlers are told in the app, the citizen by mail or SMS.
 */
export function requestFollowUp(args: CaseActionArgs & { reason: string }) {
  return performCaseAction({
    ...args,
    action: 'request_follow_up',
    decide: async ({ theCase, now, tx }) => {
      if (theCase.followUpUsed) throw createFollowUpUsedError();
      const answeredAt = theCase.answeredAt ?? now;
      if (now.getTime() - answeredAt.getTime() > FOLLOW_UP_WINDOW_DAYS * 24 * 60 * 60 * 1000) {
        throw createFollowUpExpiredError();
      }
      return {
        patch: {
          ...(await restartedCaseClock(
            { db: tx, config: args.ctx.config },
            { requestType: theCase.type, unitId: theCase.unitId, at: now },
          )),
          followUpUsed: true,
          closedAt: null,
          warnedAt: null,
          escalatedAt: null,
        },
        events: [{ type: 'FOLLOW_UP_REQUESTED', data: { reason: args.reason } }],
        notifications: [
          ...staffRecipients(theCase, 'case_follow_up_requested'),
          ...(await notifyCitizen({ ctx: args.ctx, db: tx, theCase, template: 'case_follow_up_received' })),
        ],
      };
    },
  });
}
