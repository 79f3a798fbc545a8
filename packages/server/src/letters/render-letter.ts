import type { Letter } from './letter.ts';
import { createLetterRenderPool, DEFAULT_LETTER_RENDER_THREADS, type LetterRenderPool } from './letter-render-pool.ts';

/**
 * The way the rest of the server renders an answer letter: on the process's shared pool of
 * render threads (2 by default), started on first use.
 */
let sharedPool: LetterRenderPool | null = null;

export function renderLetter(letter: Letter): Promise<Uint8Array> {
  sharedPool ??= createLetterRenderPool({ size: DEFAULT_LETTER_RENDER_THREADS });
  return sharedPool.render(letter);
}

/** Stops the shared render threads (graceful shutdown); the next letter starts them again. */
export async function closeLetterRendering(): Promise<void> {
  const pool = sharedPool;
  sharedPool = null;
  await pool?.close();
}

/** Renders in the caller's thread, without the pool: for tests and one-off scripts. */
export { renderLetterInThisThread } from './letter-render-pool.ts';
