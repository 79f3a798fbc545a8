import { createHash } from 'node:crypto';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { renderLetter, signLetter } from '../../../letters/index.ts';
import { attachmentStorageFor, newStorageKey } from '../../attachments/index.ts';
import { recordCaseChange } from '../../cases/index.ts';
import { enqueueLogEntry } from '../../transparency-log/index.ts';
import { letterFor, verificationUrlOf } from '../answers.letter.ts';
import { answerLogEntry, answerLogFacts } from '../answers.log-entry.ts';
import { createAnswersRepository } from '../answers.repository.ts';
import { signingFor } from '../answers.signing-context.ts';

/** The job acts as the system: its audit row names no person. */
const SIGN_JOB: Actor = { kind: 'system', name: 'answer-signing' };

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The sign job: render the letter (off the main thread), sign it as PAdES with the unit's
 * certificate, sign the canonical record as detached CMS, store the letter, then in one
 * transaction mark the answer signed, queue its log entry, and write the timeline event and the
 * audit record. Running twice is harmless: a signed answer is left as it is, and if two workers
 * race, the conditional update keeps the first.
 */
export async function signAnswer(ctx: AppContext, answerId: string): Promise<'signed' | 'already_signed' | 'missing'> {
  const answers = createAnswersRepository({ db: ctx.database.db });
  const toSign = await answers.loadForSigning(answerId);
  if (!toSign) return 'missing';
  if (toSign.answer.status === 'signed') return 'already_signed';
  try {
    const signing = await signingFor(ctx);
    // The CMS stack (pkijs, asn1js) loads on the first signature, not at start (docs/operations.md).
    const [{ createAnswerRecord }, { addTimestampToCms }] = await Promise.all([
      import('../../../signing/answer-record.ts'),
      import('../../../signing/cms-timestamp.ts'),
    ]);
    const unitName = toSign.unit.nameFr;
    const signer = await signing.signerFor({ code: toSign.unit.code, name: unitName });
    const letter = letterFor(toSign, {
      verificationUrl: verificationUrlOf(ctx.config.PUBLIC_URL, answerId),
      isTest: signing.isTest,
    });
    const unsigned = await renderLetter(letter);
    const signedAt = ctx.now();
    const signedPdf = await signLetter(unsigned, signer, {
      ...(signing.timestampAuthority ? { tsa: signing.timestampAuthority } : {}),
      reason: `Answer ${toSign.reference}`,
      location: unitName,
      contactInfo: letter.verificationUrl,
      signingTime: signedAt,
    });
    const letterSha256 = sha256Hex(signedPdf);
    const certificateSha256 = sha256Hex(signer.certificate);
    const record = await createAnswerRecord(
      {
        answerId,
        caseReference: toSign.reference,
        unit: toSign.unit.code,
        outcome: toSign.answer.outcome,
        answerTextSha256: sha256Hex(new TextEncoder().encode(toSign.answerText)),
        signedPdfSha256: letterSha256,
        signerCertificateSha256: certificateSha256,
        issuedAt: toSign.answer.issuedAt.toISOString(),
      },
      signer,
      signedAt,
    );
    // With a time-stamping authority the record's signature carries a proven time too (CAdES-T), like the letter's.
    const recordSignature = signing.timestampAuthority
      ? await addTimestampToCms(record.signature, signing.timestampAuthority)
      : record.signature;
    const storageKey = newStorageKey();
    await attachmentStorageFor(ctx).put(storageKey, Buffer.from(signedPdf), {
      size: signedPdf.byteLength,
      mediaType: 'application/pdf',
      sha256: letterSha256,
    });
    return await ctx.database.db.transaction(async (tx) => {
      const signed = await createAnswersRepository({ db: tx }).markSigned(answerId, {
        letterStorageKey: storageKey,
        letterSize: signedPdf.byteLength,
        letterSha256,
        record: new TextDecoder().decode(record.json),
        recordSignature,
        recordSha256: sha256Hex(record.json),
        certificateSha256,
        isTestSignature: signing.isTest,
        signedAt,
      });
      if (!signed) return 'already_signed' as const;
      const facts = answerLogFacts(signed, toSign.reference, toSign.unit.code);
      await enqueueLogEntry(tx, { sourceId: answerId, entry: answerLogEntry(facts) });
      await recordCaseChange(tx, {
        theCase: { id: signed.caseId },
        now: signedAt,
        eventActor: { actorKind: 'system', actorId: null },
        events: [{ type: 'ANSWER_SIGNED', data: { answerId } }],
        audit: {
          actor: SIGN_JOB,
          action: 'answers.signed',
          subject: { type: 'signed_answer', id: answerId },
          data: { reference: toSign.reference, letterSha256, certificateSha256, isTest: signing.isTest },
        },
      });
      return 'signed' as const;
    });
  } catch (error) {
    await answers.recordFailure(answerId, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
