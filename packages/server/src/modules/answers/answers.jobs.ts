import type { AppContext } from '../../app-context.ts';

/**
 * The queue job that turns a sent answer into a signed letter, record and log entry. This file
 * imports nothing of the cases module, so the cases module's answer action can ask for signing.
 */
export const SIGN_ANSWER_JOB = 'answers.sign';

/** After the answer's transaction commits; a crash before this is caught up at the next start. */
export async function requestAnswerSigning(ctx: AppContext, answerIds: readonly string[]): Promise<void> {
  for (const answerId of answerIds) {
    await ctx.jobs.send(SIGN_ANSWER_JOB, { answerId }, { retryLimit: 10 });
  }
}
