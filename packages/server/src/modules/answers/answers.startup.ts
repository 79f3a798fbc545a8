import type { AppContext } from '../../app-context.ts';
import { closeLetterRendering } from '../../letters/index.ts';
import { requestAnswerSigning, SIGN_ANSWER_JOB } from './answers.jobs.ts';
import { createAnswersRepository } from './answers.repository.ts';
import { signingFor } from './answers.signing-context.ts';
import { closePdfVerification } from './pdf-verification-pool.ts';
import { signAnswer } from './usecases/sign-answer.ts';

/**
 * At start: open the signing keys (a missing or wrong key stops the server here, before it
 * listens), work the sign job, and queue again any answer left signing by a crash between an
 * answer's commit and its job. On shutdown: the render and verification threads and any PKCS#11 session close.
 */
export async function answersStartupHook(ctx: AppContext): Promise<() => Promise<void>> {
  const signing = await signingFor(ctx);
  if (signing.isTest)
    ctx.logger.warn('answers are signed with development test certificates (not valid outside tests)');
  await ctx.jobs.work(SIGN_ANSWER_JOB, async (data) => {
    if (typeof data.answerId === 'string') await signAnswer(ctx, data.answerId);
  });
  await requestAnswerSigning(ctx, await createAnswersRepository({ db: ctx.database.db }).listSigningIds());
  return async () => {
    signing.close();
    await Promise.all([closeLetterRendering(), closePdfVerification(ctx)]);
  };
}
