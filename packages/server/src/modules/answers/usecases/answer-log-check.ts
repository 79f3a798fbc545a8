import type { AppContext } from '../../../app-context.ts';
import { logReceiptFor, logVerifierKey, verifyReceipt } from '../../transparency-log/index.ts';
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
 * Does the log's latest signed checkpoint prove this answer's entry? The entry is recomputed
 * from the answer's public facts (not read back from the log), so a changed answer row, a
 * changed log entry or a checkpoint that does not cover it all fail here. Null until the log
 * has included the answer.
 */
export async function answerLogCheck(ctx: AppContext, facts: PublicAnswerFacts): Promise<AnswerLogCheck | null> {
  if (facts.answer.status !== 'signed') return null;
  const found = await logReceiptFor(ctx.database.db, facts.answer.id);
  if (!found) return null;
  const entry = answerLogEntry(answerLogFacts(facts.answer, facts.reference, facts.unit.code));
  const verdict = verifyReceipt(found.receipt, await logVerifierKey(ctx), entry);
  return {
    index: found.index,
    treeSize: verdict.treeSize ?? found.index + 1,
    checkpointSigned: verdict.checkpointSigned,
    inclusionProved: verdict.ok,
    checkpoint: verdict.checkpoint,
  };
}
