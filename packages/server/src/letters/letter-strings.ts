import type { CaseOutcome, Language } from '@epeople/contracts';

/** The fixed wording of the answer letter, per language. Outcome labels match the web app's. */
export interface LetterStrings {
  /** Between a label and its value: French typography puts a (no-break) space before the colon. */
  labelSeparator: string;
  country: string;
  reference: string;
  filedOn: string;
  answeredOn: string;
  addressee: string;
  anonymousAddressee: string;
  subject: string;
  outcome: string;
  signedElectronically: string;
  verifyAt: string;
  page: string;
  outcomes: Record<CaseOutcome, string>;
}

export const LETTER_STRINGS: Record<Language, LetterStrings> = {
  ar: {
    labelSeparator: ': ',
    country: 'الجمهورية التونسية',
    reference: 'المرجع',
    filedOn: 'تاريخ الإيداع',
    answeredOn: 'تاريخ الردّ',
    addressee: 'إلى السيد(ة)',
    anonymousAddressee: 'إلى صاحب(ة) المطلب',
    subject: 'الموضوع',
    outcome: 'مآل المطلب',
    signedElectronically: 'ممضى إلكترونيًا',
    verifyAt: 'للتثبّت من صحّة هذه الرسالة',
    page: 'صفحة',
    outcomes: {
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
  },
  fr: {
    labelSeparator: '\u00a0: ',
    country: 'République tunisienne',
    reference: 'Référence',
    filedOn: 'Déposée le',
    answeredOn: 'Réponse du',
    addressee: 'À',
    anonymousAddressee: 'À l’auteur de la demande',
    subject: 'Objet',
    outcome: 'Suite donnée',
    signedElectronically: 'Signé électroniquement',
    verifyAt: 'Vérifier l’authenticité de cette lettre',
    page: 'Page',
    outcomes: {
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
  },
  en: {
    labelSeparator: ': ',
    country: 'Republic of Tunisia',
    reference: 'Reference',
    filedOn: 'Filed on',
    answeredOn: 'Answered on',
    addressee: 'To',
    anonymousAddressee: 'To the applicant',
    subject: 'Subject',
    outcome: 'Outcome',
    signedElectronically: 'Signed electronically',
    verifyAt: 'Verify this letter',
    page: 'Page',
    outcomes: {
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
  },
};

/** The test mark is always in the three languages: whoever reads the letter must see it. */
export const TEST_MARK_LINES = [
  'توقيع تجريبي — غير صالح',
  'SIGNATURE DE TEST — non valable',
  'TEST SIGNATURE — not valid',
] as const;

const DATE_LOCALES: Record<Language, string> = { ar: 'ar-TN', fr: 'fr-TN', en: 'en-GB' };
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar date in Tunisia (Africa/Tunis), written the usual way for the language (ar-TN keeps Western digits). */
export function formatLetterDate(instant: Date, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(DATE_LOCALES[language], { timeZone: 'Africa/Tunis', dateStyle: 'long' });
    dateFormats.set(language, format);
  }
  return format.format(instant);
}
