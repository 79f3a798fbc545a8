import { parentPort, workerData } from 'node:worker_threads';
import { PdfNotCleanableError, rewritePdfWithoutMetadata } from './attachments.clean-pdf.ts';

/**
 * One PDF rewritten on a thread of its own (attachments.clean.ts starts it with memory limits
 * and a time limit): parsing is synchronous and a hostile file may ask for much memory, so it
 * must stall neither the event loop nor the process. Answers the new bytes, or why not.
 */
export type CleanPdfReply = { pdf: Uint8Array } | { refused: string } | { error: string };

const port = parentPort;
if (!port) throw new Error('attachments.clean-pdf.worker.ts runs in a worker thread only');

try {
  const pdf = await rewritePdfWithoutMetadata(workerData as Uint8Array);
  const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
  port.postMessage({ pdf: own } satisfies CleanPdfReply, [own.buffer as ArrayBuffer]);
} catch (error) {
  port.postMessage(
    (error instanceof PdfNotCleanableError
      ? { refused: error.message }
      : { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }) satisfies CleanPdfReply,
  );
}
