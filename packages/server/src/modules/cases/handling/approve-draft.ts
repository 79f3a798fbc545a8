import { createNoDraftError, createOwnDraftReviewError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/**
 * A supervisor approves the submitted draft. Four eyes: never a draft whose text they last
 * changed (a unit whose only supervisor drafted asks another supervisor, e.g. of the parent unit).
 */
export function approveDraft(args: StaffActionArgs & { comment?: string | undefined }) {
  return performStaffAction({
    ...args,
    action: 'approve_draft',
    decide: async ({ theCase, actor, tx, now }) => {
      const handling = createCaseHandlingRepository({ db: tx });
      const draft = await handling.latestDraft(theCase.id, ['submitted']);
      if (!draft) throw createNoDraftError();
      if (draft.authorId === actor.userId) throw createOwnDraftReviewError();
      await handling.updateDraft(
        draft.id,
        { status: 'approved', reviewerId: actor.userId, reviewComment: args.comment ?? null, reviewedAt: now },
        now,
      );
      return {
        events: [{ type: 'DRAFT_APPROVED', data: { draftId: draft.id } }],
        notifications: staffNotifications(
          theCase,
          [draft.authorId, theCase.assigneeId],
          'draft_approved',
          { draftId: draft.id },
          actor.userId,
        ),
        audit: { draftId: draft.id },
      };
    },
  });
}
