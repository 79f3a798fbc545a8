import type { Language } from '@epeople/contracts';
import type { Letter } from '../../letters/letter.ts';
import type { AnswerToSign } from './answers.repository.ts';

/** How the person who sent the answer signs, in the letter's language. */
const SIGNER_ROLE_LABELS: Record<'assignee' | 'supervisor', Record<Language, string>> = {
  supervisor: { ar: 'رئيس الوحدة', fr: 'Chef de service', en: 'Head of unit' },
  assignee: { ar: 'المكلّف بالملف', fr: 'Chargé du dossier', en: 'Case officer' },
};

/** Said on the letter when the sender's account no longer exists (deleted staff accounts are anonymised). */
const UNIT_SIGNATURE: Record<Language, string> = { ar: 'عن الوحدة', fr: 'Pour le service', en: 'For the unit' };

const nameIn = (names: { nameAr: string; nameFr: string; nameEn: string }, language: Language) =>
  language === 'ar' ? names.nameAr : language === 'fr' ? names.nameFr : names.nameEn;

/** The letter of a sent answer, in the case's language, pointing at its public verification page. */
export function letterFor(
  toSign: AnswerToSign,
  { verificationUrl, isTest }: { verificationUrl: string; isTest: boolean },
): Letter {
  const { answer } = toSign;
  const language = answer.language;
  return {
    language,
    unit: {
      name: nameIn(toSign.unit, language),
      ...(toSign.parentUnit ? { parentName: nameIn(toSign.parentUnit, language) } : {}),
    },
    reference: toSign.reference,
    filedAt: toSign.filedAt,
    answeredAt: answer.issuedAt,
    ...(toSign.citizenName ? { citizenName: toSign.citizenName } : {}),
    title: toSign.title,
    outcome: answer.outcome,
    answerText: toSign.answerText,
    signer: {
      name: toSign.senderName ?? UNIT_SIGNATURE[language],
      roleLabel: SIGNER_ROLE_LABELS[answer.sentByRole][language],
    },
    verificationUrl,
    isTest,
  };
}

/** The public page a letter's QR code opens. */
export function verificationUrlOf(publicUrl: string, answerId: string): string {
  return new URL(`/verify/${answerId}`, publicUrl).toString();
}
