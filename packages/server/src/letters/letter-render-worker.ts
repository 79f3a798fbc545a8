import { parentPort } from 'node:worker_threads';
import type { Letter } from './letter.ts';
import { renderLetterPdf } from './letter-pdf.ts';

/**
 * A render thread of the letter pool. Its fonts are parsed on the first letter and stay with
 * the thread; each reply hands over the PDF's buffer (transferred, not copied).
 */
export interface RenderRequest {
  id: number;
  letter: Letter;
}
export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('letter-render-worker.ts runs in a worker thread only');

port.on('message', async ({ id, letter }: RenderRequest) => {
  try {
    const rendered = await renderLetterPdf(letter);
    // A buffer of its own (pdfkit's output may be a view on a shared pool) so it can be transferred.
    const pdf =
      rendered.byteOffset === 0 && rendered.byteLength === rendered.buffer.byteLength ? rendered : rendered.slice();
    port.postMessage({ id, pdf } satisfies RenderReply, [pdf.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies RenderReply);
  }
});
