import type { Database } from '../../../db/client.ts';
import { createNoDraftError } from './case-handling.errors.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

/** The approved draft an answer sends, inside the answer's transaction; none is `cases.no_draft`. */
export async function latestApprovedDraft(tx: Database, caseId: string) {
  const draft = await createCaseHandlingRepository({ db: tx }).latestDraft(caseId, ['approved']);
  if (!draft) throw createNoDraftError();
  return draft;
}
