import bidiJs from 'bidi-js';

/**
 * Lays out one paragraph of mixed Arabic / Latin text into lines of visually ordered runs, the way
 * UAX #9 says: embedding levels for the whole paragraph, our own line wrapping, then rule L2 per
 * line. Each run is later drawn as one piece: fontkit reverses and shapes a right-to-left run
 * itself, so the PDF holds glyphs in visual order while their text stays logical, and pdftotext
 * gives the words back in reading order (numbers and French words included).
 */

// bidi-js is a UMD bundle typed as an ES module: at run time the default import is the factory.
const bidi = (bidiJs as unknown as typeof bidiJs.default)();

export type TextDirection = 'ltr' | 'rtl';
export type LineAlignment = 'start' | 'end' | 'center';

/** A piece of the paragraph set in one face; `style` is opaque to the layout (the caller's font key). */
export interface TextSpan<Style> {
  text: string;
  style: Style;
}

export interface PlacedRun<Style> {
  /** In logical order for right-to-left runs (the shaper reverses it); mirrored brackets already swapped. */
  text: string;
  style: Style;
  /** From the left edge of the box, in points. */
  x: number;
  width: number;
  isRightToLeft: boolean;
}

export interface LaidOutLine<Style> {
  runs: PlacedRun<Style>[];
  width: number;
}

export interface ParagraphLayoutOptions<Style> {
  direction: TextDirection;
  maxWidth: number;
  align?: LineAlignment;
  measure: (text: string, style: Style) => number;
}

interface StyledChar<Style> {
  style: Style;
  spanIndex: number;
}

export function layoutParagraph<Style>(
  spans: ReadonlyArray<TextSpan<Style>>,
  options: ParagraphLayoutOptions<Style>,
): LaidOutLine<Style>[] {
  const isolated = options.direction === 'rtl' ? spans.map(isolateNumberSequences) : spans;
  const text = isolated.map((span) => span.text).join('');
  if (text.trim() === '') return [];
  const styleAt: StyledChar<Style>[] = [];
  isolated.forEach((span, spanIndex) => {
    for (let i = 0; i < span.text.length; i++) styleAt.push({ style: span.style, spanIndex });
  });
  const { levels } = bidi.getEmbeddingLevels(text, options.direction);
  const measureRange = (start: number, end: number) => sumOfPieces(text, styleAt, start, end, options.measure);

  const lines: LaidOutLine<Style>[] = [];
  for (const [start, end] of wrapLines(text, options.maxWidth, measureRange)) {
    const runs = orderRuns(levelRuns(text, levels, styleAt, start, end));
    let x = 0;
    const placed = runs.map((run) => {
      const runText = run.isRightToLeft ? mirrorBrackets(run.text) : run.text;
      const width = options.measure(runText, run.style);
      const placedRun = { text: runText, style: run.style, x, width, isRightToLeft: run.isRightToLeft };
      x += width;
      return placedRun;
    });
    const offset = alignmentOffset(options.align ?? 'start', options.direction, options.maxWidth - x);
    for (const run of placed) run.x += offset;
    lines.push({ runs: placed, width: x });
  }
  return lines;
}

const LEFT_TO_RIGHT_ISOLATE = '\u2066';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
/** Explicit embeddings, overrides and isolates: they steer the algorithm and are never drawn (rule X9). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Numbers joined by separators ("2026-0042", "10:30", "12/03/2026"), with any Latin letters
 * joined to them ("PET-2026-000042-7"), stay one left-to-right unit in Arabic text. By the bare
 * algorithm, digits after an Arabic letter become Arabic numbers (rule W2) and a hyphen between
 * them turns right to left, so a case reference would read "0042-2026"; and isolating the
 * digits alone would set a reference's letters after them ("2026-000042-7-PET"). A letter must
 * show the reference as the citizen typed it. Addresses ("http://host:3000/verify/…") are such
 * sequences too.
 */
const JOINED_SEQUENCE = /[0-9\p{Script=Latin}]+(?:[-/.:_?=&#%+~]+[0-9\p{Script=Latin}]+)+/gu;

function isolateNumberSequences<Style>(span: TextSpan<Style>): TextSpan<Style> {
  return {
    ...span,
    text: span.text.replace(JOINED_SEQUENCE, (sequence) =>
      /[0-9]/.test(sequence) ? LEFT_TO_RIGHT_ISOLATE + sequence + POP_DIRECTIONAL_ISOLATE : sequence,
    ),
  };
}

function alignmentOffset(align: LineAlignment, direction: TextDirection, slack: number): number {
  if (align === 'center') return slack / 2;
  const isRightAligned = (align === 'start') === (direction === 'rtl');
  return isRightAligned ? slack : 0;
}

/** Width of text[start, end) measured piece by piece, a piece being one style. */
function sumOfPieces<Style>(
  text: string,
  styleAt: StyledChar<Style>[],
  start: number,
  end: number,
  measure: (text: string, style: Style) => number,
): number {
  let width = 0;
  let pieceStart = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || styleAt[i]?.spanIndex !== styleAt[pieceStart]?.spanIndex) {
      const piece = text.slice(pieceStart, i).replace(BIDI_CONTROLS, '');
      if (piece !== '') width += measure(piece, (styleAt[pieceStart] as StyledChar<Style>).style);
      pieceStart = i;
    }
  }
  return width;
}

/**
 * Greedy wrapping at spaces: [start, end) ranges without their trailing spaces (rule L1 puts
 * them at the paragraph level; dropping them keeps the margin straight). Words and the spaces
 * between them are measured one by one (shaping does not cross a space, and single words are
 * what the font's memory holds). A word wider than the line (a long address) is cut where it
 * overflows.
 */
function wrapLines(
  text: string,
  maxWidth: number,
  measureRange: (start: number, end: number) => number,
): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  // Breaks at ordinary spaces only: a no-break space (as in French "Objet :") holds its words together.
  for (const match of text.matchAll(/[^ \t\n\r]+/g)) {
    const wordStart = match.index;
    const wordEnd = wordStart + match[0].length;
    const wordWidth = measureRange(wordStart, wordEnd);
    if (lineStart >= 0) {
      const widthWithWord = lineWidth + measureRange(lineEnd, wordStart) + wordWidth;
      if (widthWithWord <= maxWidth) {
        lineEnd = wordEnd;
        lineWidth = widthWithWord;
        continue;
      }
      lines.push([lineStart, lineEnd]);
    }
    let pieceStart = wordStart;
    let pieceWidth = wordWidth;
    while (pieceWidth > maxWidth) {
      const pieceEnd = longestFittingEnd(pieceStart, wordEnd, maxWidth, measureRange);
      lines.push([pieceStart, pieceEnd]);
      pieceStart = pieceEnd;
      pieceWidth = measureRange(pieceStart, wordEnd);
    }
    lineStart = pieceStart;
    lineEnd = wordEnd;
    lineWidth = pieceWidth;
  }
  if (lineStart >= 0) lines.push([lineStart, lineEnd]);
  return lines;
}

/**
 * Where to cut an overlong word: estimated from the widths of its single characters (cheap and
 * remembered; a long address is unique to its letter), then checked with the real measure and
 * shortened until it fits.
 */
function longestFittingEnd(
  start: number,
  end: number,
  maxWidth: number,
  measureRange: (start: number, end: number) => number,
): number {
  let cut = start + 1; // at least one character per line, however narrow
  let estimate = measureRange(start, cut);
  while (cut < end && estimate + measureRange(cut, cut + 1) <= maxWidth) {
    estimate += measureRange(cut, cut + 1);
    cut++;
  }
  while (cut > start + 1 && measureRange(start, cut) > maxWidth) cut--;
  return cut;
}

interface LevelRun<Style> {
  text: string;
  style: Style;
  level: number;
  isRightToLeft: boolean;
}

/**
 * Splits text[start, end) where the level or the style changes. A right-to-left run without a
 * right-to-left letter (say " - " or "(" alone) would be laid out left to right by the shaper,
 * so it is cut into single characters that rule L2 then reverses.
 */
function levelRuns<Style>(
  text: string,
  levels: Uint8Array,
  styleAt: StyledChar<Style>[],
  start: number,
  end: number,
): LevelRun<Style>[] {
  const runs: LevelRun<Style>[] = [];
  let runStart = start;
  for (let i = start + 1; i <= end; i++) {
    if (i < end && levels[i] === levels[runStart] && styleAt[i]?.spanIndex === styleAt[runStart]?.spanIndex) continue;
    const level = levels[runStart] as number;
    const style = (styleAt[runStart] as StyledChar<Style>).style;
    const runText = text.slice(runStart, i).replace(BIDI_CONTROLS, '');
    const isRightToLeft = level % 2 === 1;
    if (runText === '') {
      // only controls: nothing to draw
    } else if (isRightToLeft && !hasRightToLeftLetter(runText)) {
      for (const char of runText) runs.push({ text: char, style, level, isRightToLeft });
    } else {
      runs.push({ text: runText, style, level, isRightToLeft });
    }
    runStart = i;
  }
  return runs;
}

function hasRightToLeftLetter(text: string): boolean {
  for (const char of text) {
    const type = bidi.getBidiCharTypeName(char);
    if (type === 'R' || type === 'AL') return true;
  }
  return false;
}

/** UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every sequence at or above it. */
function orderRuns<Style>(runs: LevelRun<Style>[]): LevelRun<Style>[] {
  const ordered = [...runs];
  const levels = ordered.map((run) => run.level);
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < ordered.length) {
      if ((ordered[i] as LevelRun<Style>).level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < ordered.length && (ordered[j] as LevelRun<Style>).level >= level) j++;
      ordered.splice(i, j - i, ...ordered.slice(i, j).reverse());
      i = j;
    }
  }
  return ordered;
}

/** Rule L4: brackets and similar in a right-to-left run are drawn as their mirror image (the shaper does not). */
function mirrorBrackets(text: string): string {
  let mirrored = '';
  for (const char of text) mirrored += bidi.getMirroredCharacter(char) ?? char;
  return mirrored;
}
