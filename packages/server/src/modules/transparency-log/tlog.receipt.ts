import { CheckpointError, parseCheckpoint } from './tlog.checkpoint.ts';
import { HASH_SIZE, leafHash } from './tlog.merkle.ts';
import { verifyInclusion } from './tlog.merkle-verify.ts';
import { openNote, parseVerifierKey, SignedNoteError, strictBase64 } from './tlog.signed-note.ts';

/**
 * C2SP tlog-proof receipts (`.tlog-proof`): the header line, optional `extra`, `index N`, the
 * inclusion proof one base64 hash a line, an empty line, then the signed checkpoint verbatim.
 * Self-contained: anyone holding the entry and the log's verifier key checks it offline.
 */
export const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1';

export interface Receipt {
  index: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, as the log served it. */
  checkpoint: string;
  /** Opaque and unauthenticated. */
  extra?: Uint8Array;
}

export class ReceiptError extends Error {
  override name = 'ReceiptError';
}

export function formatReceipt(receipt: Receipt): string {
  const lines = [RECEIPT_HEADER];
  if (receipt.extra) lines.push(`extra ${Buffer.from(receipt.extra).toString('base64')}`);
  lines.push(`index ${receipt.index}`);
  for (const hash of receipt.proof) lines.push(Buffer.from(hash).toString('base64'));
  return `${lines.join('\n')}\n\n${receipt.checkpoint}`;
}

export function parseReceipt(text: string): Receipt {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new ReceiptError('a receipt has an empty line before its checkpoint');
  const [header, ...lines] = text.slice(0, split).split('\n');
  if (header !== RECEIPT_HEADER) throw new ReceiptError(`a receipt starts with ${RECEIPT_HEADER}`);
  let extra: Uint8Array | undefined;
  if (lines[0]?.startsWith('extra ')) {
    const decoded = strictBase64(lines.shift()?.slice('extra '.length) ?? '');
    if (!decoded) throw new ReceiptError('malformed extra data');
    extra = decoded;
  }
  const indexLine = lines.shift() ?? '';
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(indexLine);
  const index = Number(indexMatch?.[1]);
  if (!indexMatch || !Number.isSafeInteger(index)) throw new ReceiptError('malformed index line');
  const proof = lines.map((line) => {
    const hash = strictBase64(line);
    if (!hash || hash.length !== HASH_SIZE) throw new ReceiptError('malformed proof hash');
    return hash;
  });
  const checkpoint = text.slice(split + 2);
  if (!checkpoint) throw new ReceiptError('missing checkpoint');
  return { index, proof, checkpoint, ...(extra ? { extra } : {}) };
}

export type ReceiptFailure =
  | 'malformed_receipt'
  | 'malformed_verifier_key'
  | 'bad_signature'
  | 'malformed_checkpoint'
  | 'wrong_origin'
  | 'not_included';

export interface ReceiptVerdict {
  ok: boolean;
  /** The leaf index the receipt claims (null when it cannot be read). */
  index: number | null;
  /** The size of the signed tree it proves inclusion in (null when unread or unsigned). */
  treeSize: number | null;
  /** Whether the checkpoint carries a valid signature by the verifier key. */
  checkpointSigned: boolean;
  /** The signed checkpoint the receipt carries, verbatim ('' when the receipt is unreadable). */
  checkpoint: string;
  reason?: ReceiptFailure;
}

/**
 * Checks offline that `entry` is the log entry the receipt names: the checkpoint is signed by
 * the holder of `verifierKey` for the log of that key's name, and the inclusion proof leads
 * from the entry's leaf hash to the checkpoint's root.
 */
export function verifyReceipt(receiptText: string, verifierKey: string, entry: Uint8Array): ReceiptVerdict {
  let receipt: Receipt;
  try {
    receipt = parseReceipt(receiptText);
  } catch {
    return {
      ok: false,
      index: null,
      treeSize: null,
      checkpointSigned: false,
      checkpoint: '',
      reason: 'malformed_receipt',
    };
  }
  let checkpointSigned = false;
  const fail = (reason: ReceiptFailure, treeSize: number | null = null): ReceiptVerdict => ({
    ok: false,
    index: receipt.index,
    treeSize,
    checkpointSigned,
    checkpoint: receipt.checkpoint,
    reason,
  });
  let verifier: ReturnType<typeof parseVerifierKey>;
  try {
    verifier = parseVerifierKey(verifierKey);
  } catch {
    return fail('malformed_verifier_key');
  }
  let checkpointText: string;
  try {
    checkpointText = openNote(receipt.checkpoint, verifier);
  } catch (error) {
    if (error instanceof SignedNoteError) return fail('bad_signature');
    throw error;
  }
  checkpointSigned = true;
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    checkpoint = parseCheckpoint(checkpointText);
  } catch (error) {
    if (error instanceof CheckpointError) return fail('malformed_checkpoint');
    throw error;
  }
  if (checkpoint.origin !== verifier.name) return fail('wrong_origin', checkpoint.size);
  const included = verifyInclusion(leafHash(entry), receipt.index, checkpoint.size, receipt.proof, checkpoint.root);
  return included
    ? { ok: true, index: receipt.index, treeSize: checkpoint.size, checkpointSigned, checkpoint: receipt.checkpoint }
    : fail('not_included', checkpoint.size);
}
