import { supervisorsOf } from './case-handling.notify.ts';
import { assertOutcomeFits, type DraftInput, upsertDraft } from './draft.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/** Saves and submits the draft for a supervisor's review; the unit's supervisors are told in-app. */
export function submitDraft(args: StaffActionArgs & DraftInput) {
  return performStaffAction({
    ...args,
    action: 'submit_draft',
    decide: async ({ theCase, actor, tx, now }) => {
      assertOutcomeFits(theCase, args.outcome);
      const draftId = await upsertDraft(tx, theCase, actor.userId, args, 'submitted', now);
      return {
        events: [{ type: 'DRAFT_SUBMITTED', data: { draftId, outcome: args.outcome } }],
        notifications: staffNotifications(
          theCase,
          await supervisorsOf(tx, theCase.unitId),
          'draft_submitted',
          { draftId },
          actor.userId,
        ),
        audit: { draftId },
      };
    },
  });
}
