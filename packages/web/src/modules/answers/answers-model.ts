import type { SignedAnswer } from '@epeople/contracts';

/** How often the block asks again while a letter is being signed or waits for its log receipt. */
export const ANSWER_POLL_MS = 2_000;

/** Signed and entered in the log: nothing about this answer will change any more. */
export function isAnswerSettled(answer: SignedAnswer): boolean {
  return answer.status === 'signed' && answer.downloads?.receipt != null;
}

export function needsPolling(answers: readonly SignedAnswer[]): boolean {
  return answers.some((answer) => !isAnswerSettled(answer));
}

export type AnswerFileKind = 'letter' | 'record' | 'recordSignature' | 'receipt';

/**
 * Names the saved files after the case, so a citizen's downloads folder reads well, and keeps the
 * record and its signature side by side (`openssl cms -verify -content X.json -in X.json.p7s`).
 * A case answered more than once numbers its answers in the order they were issued.
 */
export function answerFileName(
  reference: string,
  answer: Pick<SignedAnswer, 'id' | 'issuedAt'>,
  all: readonly Pick<SignedAnswer, 'id' | 'issuedAt'>[],
  kind: AnswerFileKind,
): string {
  const chronological = [...all].sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt));
  const position = chronological.findIndex((item) => item.id === answer.id) + 1;
  const base = `${reference}-answer${all.length > 1 && position > 0 ? `-${position}` : ''}`;
  const extension: Record<AnswerFileKind, string> = {
    letter: '.pdf',
    record: '.json',
    recordSignature: '.json.p7s',
    receipt: '.tlog-proof',
  };
  return `${base}${extension[kind]}`;
}

/** Newest answer first: the one the citizen is looking for. */
export function newestFirst<T extends Pick<SignedAnswer, 'issuedAt'>>(answers: readonly T[]): T[] {
  return [...answers].sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt));
}
