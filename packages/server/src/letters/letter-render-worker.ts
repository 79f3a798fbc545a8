import { serveWorkerTasks } from '../workers/worker-tasks.ts';
import type { Letter } from './letter.ts';
import { renderLetterPdf } from './letter-pdf.ts';

/**
 * A render thread of the letter pool. Its fonts are parsed on the first letter and stay with
 * the thread; each reply hands over the PDF's buffer (transferred, not copied).
 */
serveWorkerTasks<Letter, Uint8Array>(async (letter) => {
  const rendered = await renderLetterPdf(letter);
  // A buffer of its own (pdfkit's output may be a view on a shared pool) so it can be transferred.
  const pdf =
    rendered.byteOffset === 0 && rendered.byteLength === rendered.buffer.byteLength ? rendered : rendered.slice();
  return { output: pdf, transfer: [pdf.buffer as ArrayBuffer] };
});
