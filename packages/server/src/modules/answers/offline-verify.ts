import { createHash } from 'node:crypto';
import type { SignatureCheck, VerificationResult } from '@epeople/contracts';
import { parseReceipt, verifyReceipt } from '../transparency-log/index.ts';
import { ANSWER_LOG_ENTRY_TYPE, type AnswerLogFacts } from './answers.log-entry.ts';
import { checkPdfSignatures, verdictOf } from './pdf-signature-checks.ts';

type Problem = VerificationResult['problems'][number];

export interface OfflineVerification {
  verdict: VerificationResult['verdict'];
  problems: Problem[];
  sha256: string;
  signatures: SignatureCheck[];
  /** The log entry the receipt carries, when it names this very letter. */
  entry: AnswerLogFacts | null;
  log: { index: number | null; treeSize: number | null; checkpointSigned: boolean; inclusionProved: boolean } | null;
}

/**
 * Verification with no server and no database: the letter's signatures against the given roots
 * and, with a receipt, the log entry it carries (which must name this letter's hash) proved
 * under a checkpoint signed by the given log key. What `npm run cli -- verify` prints.
 */
export async function verifyOffline({
  pdf,
  trustAnchors,
  receipt,
  logVerifierKey,
}: {
  pdf: Uint8Array;
  trustAnchors: Uint8Array[];
  receipt?: string | undefined;
  logVerifierKey?: string | undefined;
}): Promise<OfflineVerification> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const { signatures, problems } = await checkPdfSignatures(pdf, trustAnchors);
  if (receipt === undefined || logVerifierKey === undefined) {
    problems.push('not_in_log_yet');
    return { verdict: verdictOf(problems), problems, sha256, signatures, entry: null, log: null };
  }
  const entryBytes = extraOf(receipt);
  const entry = entryBytes ? parseEntry(entryBytes) : null;
  if (!entry || entry.letterSha256 !== sha256) problems.push('not_issued_by_epeople');
  const verdict = verifyReceipt(receipt, logVerifierKey, entryBytes ?? new Uint8Array());
  if (!verdict.ok) problems.push('log_proof_failed');
  return {
    verdict: verdictOf(problems),
    problems,
    sha256,
    signatures,
    entry: entry?.letterSha256 === sha256 ? entry : null,
    log: {
      index: verdict.index,
      treeSize: verdict.treeSize,
      checkpointSigned: verdict.checkpointSigned,
      inclusionProved: verdict.ok,
    },
  };
}

function extraOf(receipt: string): Uint8Array | null {
  try {
    return parseReceipt(receipt).extra ?? null;
  } catch {
    return null;
  }
}

function parseEntry(bytes: Uint8Array): AnswerLogFacts | null {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AnswerLogFacts> & { type?: string };
    return parsed.type === ANSWER_LOG_ENTRY_TYPE && typeof parsed.letterSha256 === 'string'
      ? (parsed as AnswerLogFacts)
      : null;
  } catch {
    return null;
  }
}
