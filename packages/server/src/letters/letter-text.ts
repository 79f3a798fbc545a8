import { stripForbiddenCharacters } from '@epeople/contracts';
import type { Letter } from './letter.ts';

/**
 * The letter with every text it shows cleaned of what could steer or hide it: bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and control characters other than tab
 * and line breaks. Requests cannot bring them any more (the clean-text rule), but text stored
 * before the rule can: one U+202E in a title would draw a signed "RTL" as "LTR"
 * (docs/text-input.md). The layout adds its own isolates afterwards, around numbers only.
 */
export function withNeutralisedText(letter: Letter): Letter {
  const clean = stripForbiddenCharacters;
  return {
    ...letter,
    unit: {
      name: clean(letter.unit.name),
      ...(letter.unit.parentName !== undefined ? { parentName: clean(letter.unit.parentName) } : {}),
    },
    reference: clean(letter.reference),
    ...(letter.citizenName !== undefined ? { citizenName: clean(letter.citizenName) } : {}),
    title: clean(letter.title),
    answerText: clean(letter.answerText),
    signer: { name: clean(letter.signer.name), roleLabel: clean(letter.signer.roleLabel) },
    verificationUrl: clean(letter.verificationUrl),
  };
}
