import { z } from 'zod';
import type { ErrorCode } from './errors.ts';

/**
 * Clean text: the one rule for every free text a request carries (docs/text-input.md).
 *
 * Refused: C0 and C1 control characters (NUL, escapes...; PostgreSQL text cannot even hold NUL),
 * except tab and line breaks in multi-line fields; the bidi embedding, override and isolate
 * controls U+202A–U+202E and U+2066–U+2069, which can turn a letter's "RTL" into "LTR" on
 * screen and in a signed PDF; and lone surrogates (not text at all).
 * Allowed, because Arabic needs them: ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F, Arabic
 * punctuation (، ؛ ؟ ٪ ٫ ٬ « »), Arabic-Indic digits, tatweel and diacritics.
 */
export const FORBIDDEN_CHARACTER_CODE = 'text.forbidden_character' satisfies ErrorCode;

/** Bidi embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI). */
const BIDI_CONTROL = '\\u202A-\\u202E\\u2066-\\u2069';
const SINGLE_LINE_FORBIDDEN = new RegExp(`[\\p{Cc}\\p{Cs}${BIDI_CONTROL}]`, 'u');
const MULTI_LINE_FORBIDDEN = new RegExp(`(?![\\t\\n\\r])\\p{Cc}|[\\p{Cs}${BIDI_CONTROL}]`, 'u');
/** Every forbidden character, wherever it is (global: for stripping stored text, not for testing). */
const FORBIDDEN_TEXT_CHARACTERS = new RegExp(`(?![\\t\\n\\r])\\p{Cc}|[\\p{Cs}${BIDI_CONTROL}]`, 'gu');

export type TextKind = 'single-line' | 'multi-line';

/** Whether a text holds a character the clean-text rule refuses. */
export function hasForbiddenCharacter(text: string, kind: TextKind = 'single-line'): boolean {
  return (kind === 'multi-line' ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(text);
}

/** The forbidden characters removed: for text stored before the rule, placed where it is shown. */
export function stripForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_TEXT_CHARACTERS, '');
}

/**
 * A trimmed free text of `min` to `max` characters that passes the clean-text rule. A refusal is
 * a validation issue whose params carry the stable code, so the server answers 400
 * `text.forbidden_character` (plugins/problem-details.ts). The `x-epeople-text` mark in the
 * OpenAPI document lets the bad-input walk find every free-text field.
 */
export function cleanText(min: number, max: number, kind: TextKind = 'single-line') {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !hasForbiddenCharacter(text, kind), {
      message:
        kind === 'multi-line'
          ? 'must not contain control characters (other than tab and line breaks) or bidi overrides'
          : 'must not contain control characters or bidi overrides',
      params: { code: FORBIDDEN_CHARACTER_CODE },
    })
    .meta({ 'x-epeople-text': kind });
}

/** A free text on one line: titles, names, labels, search words. */
export const singleLineText = (min: number, max: number) => cleanText(min, max, 'single-line');
/** A free text with tabs and line breaks: descriptions, messages, answers, template bodies. */
export const multiLineText = (min: number, max: number) => cleanText(min, max, 'multi-line');
