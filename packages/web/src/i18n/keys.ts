import i18next, { type ParseKeys } from 'i18next';

/** Every key of the translation resources: all that `t()` accepts (i18n/i18next.d.ts). */
export type TranslationKey = ParseKeys<'translation'>;

/**
 * A key built at run time from a value the server sends (an error code, a notification kind, an
 * outcome) that the compiler cannot check: checked against the resources instead, so a value
 * this page does not know yet reads as the caller's fallback rather than as a raw key.
 */
export function knownKey(key: string): TranslationKey | undefined {
  return i18next.exists(key) ? (key as TranslationKey) : undefined;
}
