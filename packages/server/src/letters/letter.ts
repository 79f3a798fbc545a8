import type { CaseOutcome, Language } from '@epeople/contracts';

/**
 * Everything an answer letter shows, already in the letter's language (the case's language).
 * Dates are instants: the renderer writes them as Tunisian calendar dates in that language.
 * A plain object (no classes) so it crosses to a render worker by structured clone.
 */
export interface Letter {
  language: Language;
  unit: { name: string; parentName?: string };
  /** The case reference, e.g. "2026-0042". */
  reference: string;
  filedAt: Date;
  /** Also the PDF's creation date: the same letter renders to the same bytes. */
  answeredAt: Date;
  /** Absent when the request was filed anonymously. */
  citizenName?: string;
  title: string;
  outcome: CaseOutcome;
  /** Paragraphs separated by newlines; blank lines are kept as paragraph breaks. */
  answerText: string;
  signer: { name: string; roleLabel: string };
  verificationUrl: string;
  /** Signed with a development (test) certificate: the letter carries a red "not valid" mark. */
  isTest: boolean;
}
