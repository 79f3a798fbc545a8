import type { TrilingualName } from '@epeople/contracts';
import { currentLanguage } from '../i18n/index.ts';

/** A name in the reader's language (all three always exist). */
export function localName(name: TrilingualName): string {
  return name[currentLanguage()];
}
