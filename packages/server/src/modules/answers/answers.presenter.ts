import type { PublicAnswer, SignedAnswer } from '@epeople/contracts';
import type { PublicAnswerFacts } from './answers.repository.ts';
import type { SignedAnswerRow } from './answers.table.ts';

/** The files of an answer, under its case (they need the case's access). */
export function answerDownloadPaths(reference: string, answerId: string) {
  const base = `/api/v1/cases/${encodeURIComponent(reference)}/answers/${answerId}`;
  return {
    letter: `${base}/letter.pdf`,
    record: `${base}/record.json`,
    recordSignature: `${base}/record.p7s`,
    receipt: `${base}/receipt.tlog-proof`,
  };
}

export function toSignedAnswerDto(
  row: SignedAnswerRow,
  reference: string,
  logIndex: number | null,
  verificationUrl: string,
): SignedAnswer {
  const paths = answerDownloadPaths(reference, row.id);
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    language: row.language,
    issuedAt: row.issuedAt.toISOString(),
    signedAt: row.signedAt?.toISOString() ?? null,
    logIndex,
    downloads: row.status === 'signed' ? { ...paths, receipt: logIndex === null ? null : paths.receipt } : null,
    verificationUrl,
  };
}

export function toPublicAnswerDto(facts: PublicAnswerFacts, logIndex: number | null): PublicAnswer | null {
  const { answer, unit } = facts;
  if (
    answer.status !== 'signed' ||
    !answer.signedAt ||
    !answer.letterSha256 ||
    !answer.recordSha256 ||
    !answer.certificateSha256
  ) {
    return null;
  }
  return {
    id: answer.id,
    reference: facts.reference,
    unit: { code: unit.code, name: { ar: unit.nameAr, fr: unit.nameFr, en: unit.nameEn } },
    outcome: answer.outcome,
    issuedAt: answer.issuedAt.toISOString(),
    signedAt: answer.signedAt.toISOString(),
    letterSha256: answer.letterSha256,
    recordSha256: answer.recordSha256,
    certificateSha256: answer.certificateSha256,
    logIndex,
  };
}
