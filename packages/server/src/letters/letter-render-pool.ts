import { createWorkerPool, type WorkerPool } from '../workers/worker-pool.ts';
import type { Letter } from './letter.ts';

/**
 * Renders letters on a few worker threads so that shaping and font subsetting (tens of
 * milliseconds a letter) never hold up the server's event loop. Each thread keeps its parsed
 * fonts between letters. Size 0 renders in the caller's thread (tests, one-off scripts).
 */
export type LetterRenderPool = WorkerPool<Letter, Uint8Array> & {
  render(letter: Letter): Promise<Uint8Array>;
};

export const DEFAULT_LETTER_RENDER_THREADS = 2;
const WORKER_URL = new URL('./letter-render-worker.ts', import.meta.url);

/**
 * Renders in the caller's thread. The drawing code (pdfkit, fonts, QR codes, bidi: ~60 modules)
 * loads on the first letter, not at start (docs/operations.md, "Start-up and memory").
 */
export async function renderLetterInThisThread(letter: Letter): Promise<Uint8Array> {
  const { renderLetterPdf } = await import('./letter-pdf.ts');
  return renderLetterPdf(letter);
}

export function createLetterRenderPool(options: { size?: number } = {}): LetterRenderPool {
  const pool = createWorkerPool<Letter, Uint8Array>({
    taskName: 'letter rendering',
    workerUrl: WORKER_URL,
    size: options.size ?? DEFAULT_LETTER_RENDER_THREADS,
    runInThisThread: renderLetterInThisThread,
  });
  return { ...pool, render: (letter) => pool.run(letter) };
}
