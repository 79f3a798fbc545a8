import type { REJECTION_REASONS } from '@epeople/contracts';
import { requestAnswerSigning } from '../../answers/answers.jobs.ts';
import { createAnswersRepository } from '../../answers/answers.repository.ts';
import { createNoDraftError } from '../case-handling.errors.ts';
import { notifyCitizen } from '../case-handling.notify.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/**
 * Sends the approved draft as the answer: its text and outcome become the case's answer, and in
 * the same transaction a signed answer is opened (status `signing`), which a queue job turns into
 * the signed letter, the signed record and the log entry once the transaction commits. The
 * citizen is told by mail.
 */
export async function answerCase(args: StaffActionArgs) {
  let answerId: string | undefined;
  const updated = await performStaffAction({
    ...args,
    action: 'answer',
    decide: async ({ theCase, tx, now, roles, actor }) => {
      const draft = await createCaseHandlingRepository({ db: tx }).latestDraft(theCase.id, ['approved']);
      if (!draft) throw createNoDraftError();
      const answer = await createAnswersRepository({ db: tx }).insertPending({
        caseId: theCase.id,
        draftId: draft.id,
        unitId: theCase.unitId,
        sentBy: actor.userId,
        sentByRole: roles.has('supervisor') ? 'supervisor' : 'assignee',
        outcome: draft.outcome,
        language: theCase.language,
        issuedAt: now,
      });
      answerId = answer.id;
      return {
        patch: { outcome: draft.outcome, answerText: draft.body, answeredAt: now },
        events: [{ type: 'ANSWER_SENT', data: { outcome: draft.outcome, answerId: answer.id } }],
        notifications: await notifyCitizen({ ctx: args.ctx, db: tx, theCase, template: 'case_answer_available' }),
        audit: { draftId: draft.id, outcome: draft.outcome, answerId: answer.id },
      };
    },
  });
  if (answerId) await requestAnswerSigning(args.ctx, [answerId]);
  return updated;
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
