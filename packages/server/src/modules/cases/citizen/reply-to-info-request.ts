import { resumedCaseClock } from '../../calendar/index.ts';
import { staffRecipients } from '../handling/staff-recipients.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/** The citizen answers the handler's question: the case goes back to work and its clock resumes. */
export function replyToInfoRequest(args: CaseActionArgs & { message: string }) {
  return performCaseAction({
    ...args,
    action: 'reply_info',
    decide: async ({ theCase, tx, now }) => ({
      patch: await resumedCaseClock({ db: tx, config: args.ctx.config }, theCase, now),
      events: [{ type: 'INFO_PROVIDED', data: { message: args.message } }],
      notifications: staffRecipients(theCase, 'case_info_provided'),
    }),
  });
}
