import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { performCaseAction } from '../citizen/perform-case-action.ts';

const DEADLINE_JOBS: Actor = { kind: 'system', name: 'deadline-jobs' };

/**
 * The automatic closing of an answered case left without a follow-up (a deadline job), through
 * the state machine like every other change: the `system` role may `close` an answered case.
 * Answers false when the case is no longer answered (a follow-up or a rating came first).
 */
export async function closeAnsweredCase({ ctx, caseId }: { ctx: AppContext; caseId: string }): Promise<boolean> {
  const theCase = await createCasesRepository({ db: ctx.database.db }).findById(caseId);
  if (theCase?.state !== 'answered') return false;
  try {
    await performCaseAction({
      ctx,
      actor: DEADLINE_JOBS,
      locator: { reference: theCase.reference },
      action: 'close',
      decide: ({ now }) => ({
        patch: { closedAt: now, lockHolderId: null, lockExpiresAt: null },
        events: [{ type: 'CASE_CLOSED', data: { automatic: true } }],
      }),
    });
    return true;
  } catch (error) {
    // Raced by the citizen (rated or reopened in between): nothing to close any more.
    if ((error as { code?: string }).code === 'cases.invalid_transition') return false;
    throw error;
  }
}
