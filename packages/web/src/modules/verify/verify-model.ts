import type { VerificationResult } from '@epeople/contracts';
import type { MantineColor } from '@mantine/core';

/** The largest letter the verifier takes (the server refuses more with verify.document_too_large). */
export const MAX_LETTER_BYTES = 10 * 1024 * 1024;

/**
 * Checks a chosen file before sending it, as the server will: a PDF by type or name, not too
 * large. Returns the problem code to show, or undefined. The server still reads the bytes.
 */
export function letterFileProblem(file: {
  name: string;
  type: string;
  size: number;
}): 'verify.not_a_pdf' | 'verify.document_too_large' | undefined {
  const looksLikePdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (!looksLikePdf) return 'verify.not_a_pdf';
  if (file.size > MAX_LETTER_BYTES) return 'verify.document_too_large';
  return undefined;
}

export const VERDICT_COLORS: Record<VerificationResult['verdict'], MantineColor> = {
  valid: 'teal',
  valid_pending_log: 'yellow',
  invalid: 'red',
};

/**
 * What an uploaded letter is, compared with the answer whose page it was uploaded on:
 * - `same`: this very answer, and the verifier found nothing wrong with it;
 * - `altered`: it claims to be this answer but its signature or log proof fails;
 * - `other`: a genuine ePeople letter, but of another answer;
 * - `unknown`: a file that names no answer ePeople issued.
 */
export type AnswerMatch = 'same' | 'altered' | 'other' | 'unknown';

export function compareWithAnswer(
  result: Pick<VerificationResult, 'verdict' | 'answer'>,
  answerId: string,
): AnswerMatch {
  if (!result.answer) return 'unknown';
  if (result.answer.id !== answerId) return 'other';
  return result.verdict === 'invalid' ? 'altered' : 'same';
}

export const MATCH_COLORS: Record<AnswerMatch, MantineColor> = {
  same: 'teal',
  altered: 'red',
  other: 'orange',
  unknown: 'red',
};

/** The common name of an X.500 subject (`CN=…`), the part a person recognises; else the whole subject. */
export function commonName(subject: string): string {
  const match = /(?:^|[,/+]\s*)CN=((?:\\.|[^,/+])+)/i.exec(subject);
  return match?.[1]?.replace(/\\(.)/g, '$1').trim() || subject;
}

/** A file name for a root certificate's PEM, from its common name (ASCII letters and digits only). */
export function pemFileName(subject: string, position: number): string {
  const slug = commonName(subject)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `${slug || `trust-anchor-${position + 1}`}.pem`;
}
