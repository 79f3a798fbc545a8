import { latestApprovedDraft, notifyCitizen, performStaffAction, type StaffActionArgs } from '../../cases/index.ts';
import { requestAnswerSigning } from '../answers.jobs.ts';
import { createAnswersRepository } from '../answers.repository.ts';

/**
 * Sends the approved draft as the answer: its text and outcome become the case's answer, and in
 * the same transaction a signed answer is opened (status `signing`), which a queue job turns into
 * the signed letter, the signed record and the log entry once the transaction commits. The
 * citizen is told by mail. It lives with the answers it opens; the cases module's staff action
 * does the transition (cases/index.ts), so cases imports nothing of answers.
 */
export async function answerCase(args: StaffActionArgs) {
  let answerId: string | undefined;
  const updated = await performStaffAction({
    ...args,
    action: 'answer',
    decide: async ({ theCase, tx, now, roles, actor }) => {
      const draft = await latestApprovedDraft(tx, theCase.id);
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
