import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { loadLogKey, logOriginOf } from './tlog.key.ts';
import { createTransparencyLogRepository } from './tlog.repository.ts';
import { MAX_ENTRY_BYTES } from './tlog.tiles.ts';

export { transparencyLogProofRoutes } from './tlog.proofs.routes.ts';
export { transparencyLogPublicRoutes } from './tlog.public.routes.ts';
export { logIndexFor, logReceiptFor } from './tlog.reader.ts';
export { formatReceipt, parseReceipt, type ReceiptVerdict, verifyReceipt } from './tlog.receipt.ts';
export { type NoteVerifier, parseVerifierKey } from './tlog.signed-note.ts';
export { checkStoredLog, type StoredLogProblem, type StoredLogReport } from './tlog.stored-log-check.ts';
export { flushLog, LogIntegrityError, startTransparencyLog } from './tlog.writer.ts';

/**
 * Queues `entry` (public facts and hashes only: the log is public) for the log, inside the
 * caller's transaction so it is logged if and only if the caller commits. Idempotent per
 * sourceId: the first entry queued for a source is the one logged.
 */
export async function enqueueLogEntry(tx: Database, { sourceId, entry }: { sourceId: string; entry: Uint8Array }) {
  if (entry.length > MAX_ENTRY_BYTES) throw new RangeError(`a log entry holds at most ${MAX_ENTRY_BYTES} bytes`);
  await createTransparencyLogRepository({ db: tx }).enqueue(sourceId, entry);
}

/** The log's signed-note verifier key, `<origin>+<key id>+<base64 key>`. */
export async function logVerifierKey(ctx: Pick<AppContext, 'config'>): Promise<string> {
  return (await loadLogKey(ctx.config)).verifierKey;
}

/** The log's origin: the first line of its checkpoints and the name of its key. */
export function logOrigin(ctx: Pick<AppContext, 'config'>): string {
  return logOriginOf(ctx.config);
}
