import { type CaseOutcome, OUTCOMES_BY_TYPE } from '@epeople/contracts';
import type { Database } from '../../../db/client.ts';
import {
  createNoDraftError,
  createOutcomeNotForTypeError,
  createOwnDraftReviewError,
} from '../case-handling.errors.ts';
import { supervisorsOf } from '../case-handling.notify.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import type { CaseRow } from '../cases.table.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

export interface DraftInput {
  outcome: CaseOutcome;
  body: string;
}

function assertOutcomeFits(theCase: CaseRow, outcome: CaseOutcome): void {
  if (!(OUTCOMES_BY_TYPE[theCase.type] as readonly string[]).includes(outcome)) throw createOutcomeNotForTypeError();
}

/**
 * The working draft is the latest one not yet submitted; saving after a return starts a new one.
 * Whoever last changes its text or outcome becomes its author (docs/access-control.md, four
 * eyes): a supervisor who rewrites an officer's draft owns those words and may not approve them.
 * Submitting a draft unchanged keeps its author, so nobody launders their own text either.
 */
async function upsertDraft(
  tx: Database,
  theCase: CaseRow,
  editorId: string,
  input: DraftInput,
  status: 'draft' | 'submitted',
  now: Date,
): Promise<string> {
  const handling = createCaseHandlingRepository({ db: tx });
  const working = await handling.latestDraft(theCase.id, ['draft']);
  if (working) {
    const isRewritten = working.body !== input.body || working.outcome !== input.outcome;
    await handling.updateDraft(
      working.id,
      { outcome: input.outcome, body: input.body, status, ...(isRewritten ? { authorId: editorId } : {}) },
      now,
    );
    return working.id;
  }
  return (await handling.insertDraft({ caseId: theCase.id, ...input, status, authorId: editorId })).id;
}

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
