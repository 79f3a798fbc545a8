import type { REJECTION_REASONS } from '@epeople/contracts';
import { createNoDraftError } from '../case-handling.errors.ts';
import { notifyCitizen } from '../case-handling.notify.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/**
 * Sends the approved draft as the answer: its text and outcome become the case's answer (the
 * signing issue later turns it into a signed document). The citizen is told by mail.
 */
export function answerCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'answer',
    decide: async ({ theCase, tx, now }) => {
      const draft = await createCaseHandlingRepository({ db: tx }).latestDraft(theCase.id, ['approved']);
      if (!draft) throw createNoDraftError();
      return {
        patch: { outcome: draft.outcome, answerText: draft.body, answeredAt: now },
        events: [{ type: 'ANSWER_SENT', data: { outcome: draft.outcome } }],
        notifications: await notifyCitizen({ ctx: args.ctx, db: tx, theCase, template: 'case_answer_available' }),
        audit: { draftId: draft.id, outcome: draft.outcome },
      };
    },
  });
}

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

/** Closes an answered case by hand (the job closes it after 30 days without a follow-up). */
export function closeCase(args: StaffActionArgs) {
  return performStaffAction({
    ...args,
    action: 'close',
    decide: ({ now }) => ({ patch: { closedAt: now }, events: [{ type: 'CASE_CLOSED', data: { automatic: false } }] }),
  });
}
