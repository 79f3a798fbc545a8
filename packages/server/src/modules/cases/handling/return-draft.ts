import { createNoDraftError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/**
 * A supervisor sends the draft back with a comment (from answer_drafted, or pulls back an
 * approved one before it goes out); its author is told in-app.
 */
export function returnDraft(args: StaffActionArgs & { comment?: string | undefined }) {
  return performStaffAction({
    ...args,
    action: 'return_draft',
    decide: async ({ theCase, actor, tx, now }) => {
      const handling = createCaseHandlingRepository({ db: tx });
      const draft = await handling.latestDraft(theCase.id, [
        theCase.state === 'answer_approved' ? 'approved' : 'submitted',
      ]);
      if (!draft) throw createNoDraftError();
      await handling.updateDraft(
        draft.id,
        { status: 'returned', reviewerId: actor.userId, reviewComment: args.comment ?? null, reviewedAt: now },
        now,
      );
      return {
        events: [{ type: 'DRAFT_RETURNED', data: { draftId: draft.id, comment: args.comment ?? null } }],
        notifications: staffNotifications(
          theCase,
          [draft.authorId],
          'draft_returned',
          { draftId: draft.id },
          actor.userId,
        ),
        audit: { draftId: draft.id },
      };
    },
  });
}
