import i18next from 'i18next';

/**
 * Checked by `npm run typecheck`, never run or bundled: if `t()` stopped checking its keys
 * (i18next.d.ts), the directive below would find no error and typecheck would fail.
 */
export function unknownKeysDoNotCompile(): string {
  // @ts-expect-error 'no.such.key' is not a key of the translation resources.
  return i18next.t('no.such.key');
}
