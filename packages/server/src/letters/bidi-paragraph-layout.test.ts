import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LaidOutLine, layoutParagraph } from './bidi-paragraph-layout.ts';

/** Every character 5 points wide: the layout's logic without a font. */
const measure = (text: string) => 5 * [...text].length;
const lay = (text: string, direction: 'ltr' | 'rtl', maxWidth = 1000) =>
  layoutParagraph([{ text, style: 'regular' }], { direction, maxWidth, measure });
/** The runs of a line from left to right. */
const visual = (line: LaidOutLine<string> | undefined) =>
  [...(line?.runs ?? [])].sort((a, b) => a.x - b.x).map((run) => run.text.trim());

describe('bidi paragraph layout', () => {
  it('orders a mixed Arabic line right to left, keeping the number and the French words left to right', () => {
    const [line, ...rest] = lay("رقم الملف 2026-0042 حسب قرار Ministère de l'Intérieur المؤرخ في 12 مارس", 'rtl');
    expect(rest).toEqual([]);
    expect(visual(line)).toEqual([
      'مارس',
      '12',
      'المؤرخ في',
      "Ministère de l'Intérieur",
      'حسب قرار',
      '2026-0042',
      'رقم الملف',
    ]);
    const rightToLeft = line?.runs.filter((run) => run.isRightToLeft).map((run) => run.text.trim());
    expect(rightToLeft).toEqual(expect.arrayContaining(['رقم الملف', 'حسب قرار', 'المؤرخ في', 'مارس']));
  });

  it('keeps a case reference with letters and digits in the order it is written, inside Arabic', () => {
    const [line] = lay('المرجع: PET-2026-000042-7 بتاريخ 12/03/2026', 'rtl');
    expect(visual(line)).toEqual(['12/03/2026', 'بتاريخ', 'PET-2026-000042-7', 'المرجع:']);
    const [address] = lay('للتثبّت: http://localhost:3000/verify/0b6e7c1e-1111', 'rtl');
    expect(visual(address)).toEqual(['http://localhost:3000/verify/0b6e7c1e-1111', 'للتثبّت:']);
  });

  it('right-aligns an Arabic line and left-aligns a French one', () => {
    const [arabic] = lay('مرحبا', 'rtl', 100);
    expect(arabic?.runs[0]?.x).toBe(100 - 25);
    const [french] = lay('Bonjour', 'ltr', 100);
    expect(french?.runs[0]?.x).toBe(0);
  });

  it('puts an Arabic name inside a French line where it belongs, as one right-to-left run', () => {
    const [line] = lay('selon la وزارة الداخلية du 12 mars', 'ltr');
    expect(visual(line)).toEqual(['selon la', 'وزارة الداخلية', 'du 12 mars']);
  });

  it('mirrors brackets inside right-to-left text (the shaper does not)', () => {
    const [line] = lay('إلى السيد(ة) أمينة', 'rtl');
    const runs = line?.runs.map((run) => run.text).join('') ?? '';
    expect(runs).toContain(')ة(');
    expect(runs).not.toContain('(ة)');
  });

  it('wraps at spaces within the width and cuts a word longer than a line', () => {
    const lines = lay('un deux trois quatre cinq six sept huit neuf dix', 'ltr', 60);
    expect(lines.map((line) => visual(line).join(' '))).toEqual([
      'un deux',
      'trois quatre', // exactly 60 points: fits
      'cinq six',
      'sept huit',
      'neuf dix',
    ]);
    const url = lay('https://epeople.example.tn/verify/0b6f3c1e', 'ltr', 100);
    expect(url.map((line) => line.runs.map((run) => run.text).join(''))).toEqual([
      'https://epeople.exam',
      'ple.tn/verify/0b6f3c',
      '1e',
    ]);
  });

  it('draws no bidi control character', () => {
    const [line] = lay('المرجع: 2026-0042 \u202bنص\u202c', 'rtl');
    for (const run of line?.runs ?? []) expect(run.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps every character once and stays within the width, for any mix of Arabic, Latin and digits', () => {
    const word = fc.constantFrom(
      'مارس',
      'قرار',
      'Ministère',
      "l'Intérieur",
      '2026-0042',
      '12',
      '(ة)',
      'على',
      'de',
      '—',
      '150000',
    );
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('ltr', 'rtl'),
        fc.integer({ min: 60, max: 400 }),
        (words, direction, width) => {
          const text = words.join(' ');
          const lines = lay(text, direction as 'ltr' | 'rtl', width);
          const drawn = lines.flatMap((line) => line.runs.map((run) => run.text)).join('');
          const sorted = (chars: string) => [...chars.replace(/[\s()]/g, '')].sort().join('');
          expect(sorted(drawn)).toBe(sorted(text));
          for (const line of lines) {
            expect(line.width).toBeLessThanOrEqual(width);
            for (const run of line.runs) {
              expect(run.x).toBeGreaterThanOrEqual(-1e-9);
              expect(run.x + run.width).toBeLessThanOrEqual(width + 1e-9);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
