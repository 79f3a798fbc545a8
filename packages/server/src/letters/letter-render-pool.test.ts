import { afterEach, describe, expect, it } from 'vitest';
import type { Letter } from './letter.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { createLetterRenderPool, type LetterRenderPool } from './letter-render-pool.ts';
import { arabicLetter, frenchLetter } from './letters.test-helpers.ts';

let pool: LetterRenderPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('letter render pool', () => {
  it('renders on worker threads (Node runs the .ts worker directly) the same bytes as the caller thread', async () => {
    pool = createLetterRenderPool({ size: 2 });
    const letters = [
      arabicLetter(),
      frenchLetter(),
      arabicLetter({ reference: '2026-0043', isTest: true }),
      frenchLetter({ citizenName: undefined }),
    ];
    const fromThreads = await Promise.all(letters.map((letter) => pool?.render(letter)));
    for (const [index, letter] of letters.entries()) {
      const here = await renderLetterPdf(letter);
      expect(Buffer.from(fromThreads[index] as Uint8Array).equals(Buffer.from(here))).toBe(true);
    }
  });

  it('fails the one letter that cannot be rendered and goes on with the next', async () => {
    pool = createLetterRenderPool({ size: 1 });
    const broken = { ...frenchLetter(), language: 'xx' } as unknown as Letter;
    await expect(pool.render(broken)).rejects.toThrow(/letter rendering failed/);
    const pdf = await pool.render(frenchLetter());
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });

  it('finishes the letters already asked for when closed, and refuses new ones', async () => {
    pool = createLetterRenderPool({ size: 2 });
    const pending = Array.from({ length: 5 }, (_, i) => pool?.render(frenchLetter({ reference: `2026-${1000 + i}` })));
    await pool.close();
    expect((await Promise.all(pending)).every((pdf) => (pdf?.length ?? 0) > 1000)).toBe(true);
    await expect(pool.render(frenchLetter())).rejects.toThrow(/closed/);
  });

  it('renders in the caller thread when its size is 0', async () => {
    pool = createLetterRenderPool({ size: 0 });
    const pdf = await pool.render(arabicLetter());
    expect(Buffer.from(pdf).equals(Buffer.from(await renderLetterPdf(arabicLetter())))).toBe(true);
  });
});
