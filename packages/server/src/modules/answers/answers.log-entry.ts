import canonicalize from 'canonicalize';
import type { SignedAnswerRow } from './answers.table.ts';

/**
 * The transparency-log entry of a signed answer: public facts and hashes only (no names, no
 * request or answer text), as RFC 8785 canonical JSON so anyone recomputes the same bytes from
 * the public answer page. Whoever holds a letter finds its hash here; an answer altered,
 * removed or backdated after the fact no longer matches the log.
 */
export interface AnswerLogFacts {
  answerId: string;
  reference: string;
  unit: string;
  outcome: string;
  issuedAt: string;
  signedAt: string;
  letterSha256: string;
  recordSha256: string;
  certificateSha256: string;
}

export const ANSWER_LOG_ENTRY_TYPE = 'epeople.answer/v1';

export function answerLogFacts(answer: SignedAnswerRow, reference: string, unitCode: string): AnswerLogFacts {
  if (!answer.signedAt || !answer.letterSha256 || !answer.recordSha256 || !answer.certificateSha256) {
    throw new Error(`answer ${answer.id} is not signed`);
  }
  return {
    answerId: answer.id,
    reference,
    unit: unitCode,
    outcome: answer.outcome,
    issuedAt: answer.issuedAt.toISOString(),
    signedAt: answer.signedAt.toISOString(),
    letterSha256: answer.letterSha256,
    recordSha256: answer.recordSha256,
    certificateSha256: answer.certificateSha256,
  };
}

export function answerLogEntry(facts: AnswerLogFacts): Uint8Array {
  const text = canonicalize({ type: ANSWER_LOG_ENTRY_TYPE, ...facts });
  if (text === undefined) throw new Error('answer log entry did not canonicalise');
  return new TextEncoder().encode(text);
}
