import { createHash } from 'node:crypto';
import type { VerificationResult } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { toPublicAnswerDto } from '../answers.presenter.ts';
import { createAnswersRepository } from '../answers.repository.ts';
import { signingFor } from '../answers.signing-context.ts';
import { verdictOf } from '../pdf-signature-checks.ts';
import { checkPdfSignaturesOffThread } from '../pdf-verification-pool.ts';
import { answerLogCheck } from './answer-log-check.ts';

/**
 * The public verifier, for a person holding only the PDF: are the signatures intact and do
 * they cover the whole file, does the chain end at a published trust anchor, did ePeople issue
 * this very file (its hash is a registered answer), and does a signed checkpoint of the log
 * prove the answer's entry. Anything short of that says why, as stable problem codes.
 */
export async function verifyDocument(ctx: AppContext, pdf: Uint8Array): Promise<VerificationResult> {
  const signing = await signingFor(ctx);
  // On a verification thread: the file may be hostile (docs/pdf-verification.md).
  const { signatures, problems } = await checkPdfSignaturesOffThread(ctx, { pdf, trustAnchors: signing.trustAnchors });
  const sha256 = createHash('sha256').update(pdf).digest('hex');

  const facts = await createAnswersRepository({ db: ctx.database.db }).publicFacts({ letterSha256: sha256 });
  if (!facts) problems.push('not_issued_by_epeople');
  const log = facts ? await answerLogCheck(ctx, facts) : null;
  if (facts && !log) problems.push('not_in_log_yet');
  if (log && !(log.checkpointSigned && log.inclusionProved)) problems.push('log_proof_failed');

  return {
    verdict: verdictOf(problems),
    problems,
    document: { sha256, sizeBytes: pdf.byteLength },
    signatures,
    answer: facts ? toPublicAnswerDto(facts, log?.index ?? null) : null,
    log,
    isTestSignature: facts?.answer.isTestSignature ?? false,
  };
}
