import { type CaseOutcome, OUTCOMES_BY_TYPE } from '@epeople/contracts';
import type { Database } from '../../../db/client.ts';
import type { CaseRow } from '../cases.table.ts';
import { createOutcomeNotForTypeError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

export interface DraftInput {
  outcome: CaseOutcome;
  body: string;
}

export function assertOutcomeFits(theCase: CaseRow, outcome: CaseOutcome): void {
  if (!(OUTCOMES_BY_TYPE[theCase.type] as readonly string[]).includes(outcome)) throw createOutcomeNotForTypeError();
}

/**
 * The working draft is the latest one not yet submitted; saving after a return starts a new one.
 * Whoever last changes its text or outcome becomes its author (docs/access-control.md, four
 * eyes): a supervisor who rewrites an officer's draft owns those words and may not approve them.
 * Submitting a draft unchanged keeps its author, so nobody launders their own text either.
 */
export async function upsertDraft(
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
