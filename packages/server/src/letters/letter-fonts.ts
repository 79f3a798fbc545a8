import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Amiri (OFL, assets/fonts/) covers Arabic and Latin in one face. Parsing a 550 KB font and
 * shaping Arabic are the costly parts of a letter, so each face is parsed once per process (or
 * worker) and its shaping results are remembered: the same words recur in every letter.
 */

/** The part of a fontkit glyph run pdfkit and the layout read. */
export interface ShapedRun {
  glyphs: unknown[];
  positions: Array<Record<string, number>>;
  advanceWidth: number;
}

/** A fontkit font as pdfkit accepts it (anything with `layout`), plus what the layout needs. */
export interface LetterFont {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  layout(text: string, features?: string[]): ShapedRun;
}

export type LetterFontWeight = 'regular' | 'bold';

const FONT_FILES: Record<LetterFontWeight, string> = {
  regular: 'Amiri-Regular.ttf',
  bold: 'Amiri-Bold.ttf',
};
const FONTS_DIRECTORY = new URL('../../assets/fonts/', import.meta.url);
/** Distinct runs remembered per face; a letter uses a few hundred. Past this the memory starts over. */
const MAX_REMEMBERED_RUNS = 20_000;

// fontkit as pdfkit itself resolves it: pdfkit takes a parsed font object only if it has `layout`.
const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
const fontkit = pdfkitRequire('fontkit') as { create(bytes: Uint8Array): LetterFont };

const loadedFonts = new Map<LetterFontWeight, LetterFont>();

export function letterFont(weight: LetterFontWeight): LetterFont {
  let font = loadedFonts.get(weight);
  if (!font) {
    const parsed = fontkit.create(readFileSync(new URL(FONT_FILES[weight], FONTS_DIRECTORY)));
    font = withRememberedLayouts(parsed);
    loadedFonts.set(weight, font);
  }
  return font;
}

/**
 * The font with `layout` memoised by text and features. pdfkit scales and annotates the
 * positions it gets back in place, so every caller receives its own copy of them.
 */
function withRememberedLayouts(font: LetterFont): LetterFont {
  const remembered = new Map<string, ShapedRun>();
  const layout = (text: string, features?: string[]): ShapedRun => {
    const key = `${features ? features.join(',') : '-'}|${text}`;
    let run = remembered.get(key);
    if (!run) {
      const shaped = font.layout(text, features);
      run = {
        glyphs: shaped.glyphs,
        positions: shaped.positions.map((position) => ({ ...position })),
        advanceWidth: shaped.advanceWidth,
      };
      if (remembered.size >= MAX_REMEMBERED_RUNS) remembered.clear();
      remembered.set(key, run);
    }
    return {
      glyphs: run.glyphs,
      positions: run.positions.map((position) => ({ ...position })),
      advanceWidth: run.advanceWidth,
    };
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Width in points of `text` set in `font` at `size`, shaped as it will be drawn (features []). */
export function measureText(font: LetterFont, size: number, text: string): number {
  return (font.layout(text, []).advanceWidth * size) / font.unitsPerEm;
}
