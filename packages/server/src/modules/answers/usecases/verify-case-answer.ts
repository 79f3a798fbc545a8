import { buffer } from 'node:stream/consumers';
import type { PublicAnswerVerification, VerificationResult } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { attachmentStorageFor } from '../../attachments/index.ts';
import { locateCase } from '../../cases/index.ts';
import { createAnswerNotFoundError, createNotSignedYetError } from '../answers.errors.ts';
import { toPublicAnswerDto } from '../answers.presenter.ts';
import { createAnswersRepository } from '../answers.repository.ts';
import { answerLogCheck } from './answer-log-check.ts';
import { verifyDocument } from './verify-document.ts';

/**
 * Verification by reference and access code: the latest signed answer's letter, as stored,
 * goes through the same checks as an uploaded one.
 */
export async function verifyCaseAnswer({
  ctx,
  actor,
  reference,
  accessCode,
  client,
}: {
  ctx: AppContext;
  actor: Actor;
  reference: string;
  accessCode: string;
  /** The caller's address, which wrong access codes count against. */
  client: string;
}): Promise<VerificationResult> {
  const db = ctx.database.db;
  const { theCase } = await locateCase({ db, config: ctx.config, actor, locator: { reference, accessCode, client } });
  const answers = createAnswersRepository({ db });
  const latest = await answers.latestSignedForCase(theCase.id);
  if (!latest) {
    if ((await answers.listForCase(theCase.id)).length > 0) throw createNotSignedYetError();
    throw createAnswerNotFoundError();
  }
  const letter = await buffer(await attachmentStorageFor(ctx).get(latest.letterStorageKey as string));
  return verifyDocument(ctx, new Uint8Array(letter.buffer, letter.byteOffset, letter.byteLength));
}

/** What the letter's QR code opens: the public facts of one answer and its log proof. */
export async function verifyPublicAnswer(ctx: AppContext, answerId: string): Promise<PublicAnswerVerification> {
  const facts = await createAnswersRepository({ db: ctx.database.db }).publicFacts({ id: answerId });
  if (!facts) throw createAnswerNotFoundError();
  if (facts.answer.status !== 'signed') throw createNotSignedYetError();
  const log = await answerLogCheck(ctx, facts);
  const answer = toPublicAnswerDto(facts, log?.index ?? null);
  if (!answer) throw createNotSignedYetError();
  return { answer, log };
}
