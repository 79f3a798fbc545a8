import 'i18next';
import type { Translation } from './en.ts';

/**
 * `t()` accepts only keys that exist: the shape of the English resources is the shape of every
 * language (ar.ts and fr.ts are typed by it), so `t('no.such.key')` fails `npm run typecheck`.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
