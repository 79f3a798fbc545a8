import { createHash } from 'node:crypto';
import type { SignatureCheck, VerificationResult } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { readPdfSignatures } from '../../../letters/index.ts';
import { verifyCms } from '../../../signing/verify-cms.ts';
import { toPublicAnswerDto } from '../answers.presenter.ts';
import { createAnswersRepository } from '../answers.repository.ts';
import { signingFor } from '../answers.signing-context.ts';
import { answerLogCheck } from './answer-log-check.ts';

type Problem = VerificationResult['problems'][number];

/**
 * The public verifier, for a person holding only the PDF: are the signatures intact and do
 * they cover the whole file, does the chain end at a published trust anchor, did ePeople issue
 * this very file (its hash is a registered answer), and does a signed checkpoint of the log
 * prove the answer's entry. Anything short of that says why, as stable problem codes.
 */
export async function verifyDocument(ctx: AppContext, pdf: Uint8Array): Promise<VerificationResult> {
  const signing = await signingFor(ctx);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const signatures: SignatureCheck[] = [];
  for (const found of readPdfSignatures(pdf)) {
    const checked = await verifyCms({ cms: found.cms, content: found.signedBytes, trustAnchors: signing.trustAnchors });
    signatures.push({
      intact: checked.digestValid && checked.signatureValid,
      coversWholeDocument: found.coversWholeDocument,
      signer: checked.signer,
      chain: checked.chain,
      // A chain to a published root, with the signer's certificate valid when it signed.
      chainTrusted: checked.chainTrusted && checked.signerValidAtSigningTime,
      signingTime: checked.signingTime ?? null,
      timestampTime: checked.timestampTime ?? null,
    });
  }
  const problems: Problem[] = [];
  if (signatures.length === 0) problems.push('no_signature');
  if (signatures.some((signature) => !signature.intact)) problems.push('signature_broken');
  if (signatures.length > 0 && !signatures.some((signature) => signature.coversWholeDocument)) {
    problems.push('document_modified_after_signing');
  }
  if (signatures.some((signature) => signature.intact && !signature.chainTrusted)) problems.push('signer_not_trusted');

  const answers = createAnswersRepository({ db: ctx.database.db });
  const row = await answers.findByLetterSha256(sha256);
  const facts = row ? await answers.publicFacts(row.id) : undefined;
  if (!facts) problems.push('not_issued_by_epeople');
  const log = facts ? await answerLogCheck(ctx, facts) : null;
  if (facts && !log) problems.push('not_in_log_yet');
  if (log && !(log.checkpointSigned && log.inclusionProved)) problems.push('log_proof_failed');

  const blocking = problems.filter((problem) => problem !== 'not_in_log_yet');
  return {
    verdict: blocking.length > 0 ? 'invalid' : problems.length > 0 ? 'valid_pending_log' : 'valid',
    problems,
    document: { sha256, sizeBytes: pdf.byteLength },
    signatures,
    answer: facts ? toPublicAnswerDto(facts, log?.index ?? null) : null,
    log,
    isTestSignature: row?.isTestSignature ?? false,
  };
}
