import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { letterFont, type ShapedRun } from './letter-fonts.ts';

// The shaper itself, on a fresh parse of the same face: what the remembered words must reproduce.
const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
const fontkit = pdfkitRequire('fontkit') as {
  create(bytes: Uint8Array): { layout(text: string, features: string[]): ShapedRun };
};
const shaper = fontkit.create(readFileSync(new URL('../../assets/fonts/Amiri-Regular.ttf', import.meta.url)));

const glyphIds = (run: ShapedRun) => run.glyphs.map((glyph) => (glyph as { id: number }).id);

describe('letter fonts', () => {
  it.each([
    'وبعد دراسة مطلبكم، تقرّر برمجة الأشغال خلال الثلاثية الثانية',
    'إلى السيد)ة( أمينة بن علي',
    'لا إله — مؤسَّسة جزئيًا',
    'المرجع: ',
    "Ministère de l'Intérieur",
    'Suite à votre demande, les travaux sont programmés',
    'https://epeople.example.tn/verify/0b6f3c1e-2a4d-4e8f-9c77-5d1a2b3c4d5e',
    'Afin/de fi/fl ff/ll',
    'و/أو الإدارة/البلدية',
  ])('lays out a run word by word exactly as the shaper lays out the whole run: %s', (text) => {
    const whole = shaper.layout(text, []);
    const composed = letterFont('regular').layout(text, []);
    expect(glyphIds(composed)).toEqual(glyphIds(whole));
    expect(composed.positions.map((position) => ({ ...position }))).toEqual(
      whole.positions.map((position) => ({ ...position })),
    );
    expect(composed.advanceWidth).toBeCloseTo(whole.advanceWidth, 6);
    expect(letterFont('regular').advanceOf(text)).toBeCloseTo(whole.advanceWidth, 6);
  });

  it('hands out fresh positions each time (pdfkit scales them in place)', () => {
    const first = letterFont('regular').layout('مارس', []);
    for (const position of first.positions) position.xAdvance = -1;
    const second = letterFont('regular').layout('مارس', []);
    expect(second.positions.every((position) => position.xAdvance !== -1)).toBe(true);
  });

  it('parses each face once per thread', () => {
    expect(letterFont('bold')).toBe(letterFont('bold'));
    expect(letterFont('regular')).not.toBe(letterFont('bold'));
  });
});
