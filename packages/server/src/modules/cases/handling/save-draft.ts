import { assertOutcomeFits, type DraftInput, upsertDraft } from './draft.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** Saves the answer draft (internal; the outcome must be one of the case type's). */
export function saveDraft(args: StaffActionArgs & DraftInput) {
  return performStaffAction({
    ...args,
    action: 'save_draft',
    decide: async ({ theCase, actor, tx, now }) => {
      assertOutcomeFits(theCase, args.outcome);
      const draftId = await upsertDraft(tx, theCase, actor.userId, args, 'draft', now);
      return { events: [{ type: 'DRAFT_SAVED', data: { draftId, outcome: args.outcome } }], audit: { draftId } };
    },
  });
}
