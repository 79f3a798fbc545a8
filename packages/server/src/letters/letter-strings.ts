import { CASE_OUTCOME_LABELS, type CaseOutcome, type Language } from '@epeople/contracts';

/** The fixed wording of the answer letter, per language. Outcome labels are the web page's (contracts). */
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
    outcomes: CASE_OUTCOME_LABELS.ar,
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
    outcomes: CASE_OUTCOME_LABELS.fr,
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
    outcomes: CASE_OUTCOME_LABELS.en,
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
