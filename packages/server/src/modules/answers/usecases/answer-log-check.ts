import type { AppContext } from '../../../app-context.ts';
import {
  formatReceipt,
  logReceiptFor,
  logVerifierKey,
  parseReceipt,
  verifyReceipt,
} from '../../transparency-log/index.ts';
import { answerLogEntry, answerLogFacts } from '../answers.log-entry.ts';
import type { PublicAnswerFacts } from '../answers.repository.ts';

export interface AnswerLogCheck {
  index: number;
  treeSize: number;
  checkpointSigned: boolean;
  inclusionProved: boolean;
  checkpoint: string;
}

/**
 * The answer's receipt (C2SP tlog-proof) against the log's latest checkpoint, carrying the log
 * entry itself as its `extra` data, so that a person holding the letter and the receipt checks
 * both offline (`npm run cli -- verify`): the entry names the letter's hash, the proof puts the
 * entry under the signed checkpoint. Null until the log has included the answer.
 */
export async function answerReceipt(
  ctx: AppContext,
  facts: PublicAnswerFacts,
): Promise<{ index: number; receipt: string; entry: Uint8Array } | null> {
  if (facts.answer.status !== 'signed') return null;
  const found = await logReceiptFor(ctx.database.db, facts.answer.id);
  if (!found) return null;
  const entry = answerLogEntry(answerLogFacts(facts.answer, facts.reference, facts.unit.code));
  return { index: found.index, receipt: formatReceipt({ ...parseReceipt(found.receipt), extra: entry }), entry };
}

/**
 * Does the log's latest signed checkpoint prove this answer's entry? The entry is recomputed
 * from the answer's public facts (not read back from the log), so a changed answer row, a
 * changed log entry or a checkpoint that does not cover it all fail here.
 */
export async function answerLogCheck(ctx: AppContext, facts: PublicAnswerFacts): Promise<AnswerLogCheck | null> {
  const receipt = await answerReceipt(ctx, facts);
  if (!receipt) return null;
  const verdict = verifyReceipt(receipt.receipt, await logVerifierKey(ctx), receipt.entry);
  return {
    index: receipt.index,
    treeSize: verdict.treeSize ?? receipt.index + 1,
    checkpointSigned: verdict.checkpointSigned,
    inclusionProved: verdict.ok,
    checkpoint: verdict.checkpoint,
  };
}
