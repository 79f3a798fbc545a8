import type { CaseOutcome } from './cases.ts';
import type { Language } from './enums.ts';

/**
 * The names of answer outcomes in the three languages: one source for the web page and the signed
 * letters, so a letter never names an outcome differently from the case page.
 */
export const CASE_OUTCOME_LABELS: Record<Language, Record<CaseOutcome, string>> = {
  ar: {
    upheld: 'مؤسَّسة',
    partly_upheld: 'مؤسَّسة جزئيًا',
    not_upheld: 'غير مؤسَّسة',
    answered: 'تمّ الردّ',
    adopted: 'مُعتمَد',
    partly_adopted: 'مُعتمَد جزئيًا',
    under_study: 'قيد الدرس',
    not_adopted: 'غير مُعتمَد',
    substantiated: 'ثابت',
    referred: 'أُحيل إلى السلطة المختصّة',
    unsubstantiated: 'غير ثابت',
  },
  fr: {
    upheld: 'Fondée',
    partly_upheld: 'Partiellement fondée',
    not_upheld: 'Non fondée',
    answered: 'Répondue',
    adopted: 'Adoptée',
    partly_adopted: 'Partiellement adoptée',
    under_study: 'À l’étude',
    not_adopted: 'Non adoptée',
    substantiated: 'Avéré',
    referred: 'Transmis à l’autorité compétente',
    unsubstantiated: 'Non avéré',
  },
  en: {
    upheld: 'Upheld',
    partly_upheld: 'Partly upheld',
    not_upheld: 'Not upheld',
    answered: 'Answered',
    adopted: 'Adopted',
    partly_adopted: 'Partly adopted',
    under_study: 'Under study',
    not_adopted: 'Not adopted',
    substantiated: 'Substantiated',
    referred: 'Referred to the competent authority',
    unsubstantiated: 'Unsubstantiated',
  },
};
