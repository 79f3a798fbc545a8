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
  /** Advance width of `text` in font units, as `layout(text, [])` would give it. */
  advanceOf(text: string): number;
}

export type LetterFontWeight = 'regular' | 'bold';

const FONT_FILES: Record<LetterFontWeight, string> = {
  regular: 'Amiri-Regular.ttf',
  bold: 'Amiri-Bold.ttf',
};
const FONTS_DIRECTORY = new URL('../../assets/fonts/', import.meta.url);
/** Distinct words remembered per face; a letter uses a few hundred. Past this the memory starts over. */
const MAX_REMEMBERED_RUNS = 20_000;

// fontkit as pdfkit itself resolves it: pdfkit takes a parsed font object only if it has `layout`.
const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
/** A font as fontkit parses it: the shaping without our memory of words. */
type FontkitFont = Omit<LetterFont, 'advanceOf'>;
const fontkit = pdfkitRequire('fontkit') as { create(bytes: Uint8Array): FontkitFont };

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
 * The font with `layout` built from remembered words. Neither joining nor mark positioning
 * crosses a space, so a run is its words and spaces shaped one by one and put side by side
 * (in reverse order for a right-to-left run, as the shaper itself would): a word is shaped once
 * per process instead of once per line it appears in. pdfkit scales and annotates the positions
 * it gets back in place, so every call returns its own copies of them.
 */
function withRememberedLayouts(font: FontkitFont): LetterFont {
  const words = new Map<string, ShapedRun>();
  const shapeWord = (word: string): ShapedRun => {
    let run = words.get(word);
    if (!run) {
      run = font.layout(word, []);
      if (words.size >= MAX_REMEMBERED_RUNS) words.clear();
      words.set(word, run);
    }
    return run;
  };
  const layout = (text: string, features?: string[]): ShapedRun => {
    if (features === undefined || features.length > 0) return font.layout(text, features); // not the letter's way
    const isRightToLeft = RIGHT_TO_LEFT_LETTER.test(text);
    const pieces = text.split(PIECE_BOUNDARY).filter((piece) => piece !== '');
    if (isRightToLeft) pieces.reverse();
    const glyphs: unknown[] = [];
    const positions: Array<Record<string, number>> = [];
    let advanceWidth = 0;
    for (const piece of pieces) {
      const shaped = shapeWord(piece);
      // A piece without right-to-left letters ("12:", "—") comes out left to right: in a right-to-left run it is reversed.
      const reverse = isRightToLeft && !RIGHT_TO_LEFT_LETTER.test(piece);
      const count = shaped.glyphs.length;
      for (let i = 0; i < count; i++) {
        const from = reverse ? count - 1 - i : i;
        glyphs.push(shaped.glyphs[from]);
        positions.push({ ...(shaped.positions[from] as Record<string, number>) });
      }
      advanceWidth += shaped.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
  const advanceOf = (text: string): number => {
    let width = 0;
    for (const piece of text.split(PIECE_BOUNDARY)) if (piece !== '') width += shapeWord(piece).advanceWidth;
    return width;
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      if (property === 'advanceOf') return advanceOf;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as LetterFont;
}

/** Where shaping may be cut: at spaces only (Amiri kerns across other punctuation, slashes included). */
const PIECE_BOUNDARY = /( +)/;

/** Letters of right-to-left scripts (Hebrew, Arabic and their presentation forms): the shaper lays such runs out right to left. */
const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** Width in points of `text` set in `font` at `size`, shaped as it will be drawn (features []). */
export function measureText(font: LetterFont, size: number, text: string): number {
  return (font.advanceOf(text) * size) / font.unitsPerEm;
}
