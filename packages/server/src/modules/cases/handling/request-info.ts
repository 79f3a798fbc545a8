import { loadWorkingCalendar, pausedCaseClock } from '../../calendar/index.ts';
import { notifyCitizen } from './case-handling.notify.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/**
 * Asks the citizen for information: the case waits (awaiting_citizen) and its clock is paused
 * until the reply (`reply_info` resumes it with resumedCaseClock). The citizen is told by mail;
 * an anonymous reporter sees the question on the case's page.
 */
export async function requestInfo(args: StaffActionArgs & { question: string }) {
  const calendar = await loadWorkingCalendar({ db: args.ctx.database.db, config: args.ctx.config });
  return performStaffAction({
    ...args,
    action: 'request_info',
    decide: async ({ theCase, tx, now }) => ({
      patch: pausedCaseClock(calendar, theCase, now),
      events: [{ type: 'INFO_REQUESTED', data: { question: args.question } }],
      notifications: await notifyCitizen({
        ctx: args.ctx,
        db: tx,
        theCase,
        template: 'case_info_requested',
        message: args.question,
      }),
    }),
  });
}
