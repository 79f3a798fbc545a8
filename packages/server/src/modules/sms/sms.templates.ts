import type { Language } from '@epeople/contracts';

/**
 * Text messages to citizens: short (one or two SMS segments), in the case's language, with the
 * reference, what happened and the tracking link. The access code appears only in the filing
 * acknowledgement, which goes to the phone the guest gave; no other template reads it.
 */
export interface SmsParams {
  reference: string;
  trackUrl: string;
  accessCode?: string | undefined;
}

type SmsTexts = Record<Language, (params: SmsParams) => string>;

const update = (ar: string, fr: string, en: string): SmsTexts => ({
  ar: (p) => `ePeople: ${ar} ${p.reference}. ${p.trackUrl}`,
  fr: (p) => `ePeople : ${fr} ${p.reference}. ${p.trackUrl}`,
  en: (p) => `ePeople: ${en} ${p.reference}. ${p.trackUrl}`,
});

export const SMS_TEMPLATES: Record<string, SmsTexts> = {
  case_acknowledgement: {
    ar: (p) =>
      `ePeople: تمّ تسجيل مطلبك تحت المرجع ${p.reference}.${p.accessCode ? ` رمز الدخول: ${p.accessCode} (احتفظ به).` : ''} ${p.trackUrl}`,
    fr: (p) =>
      `ePeople : demande enregistrée sous la référence ${p.reference}.${p.accessCode ? ` Code d’accès : ${p.accessCode} (à conserver).` : ''} ${p.trackUrl}`,
    en: (p) =>
      `ePeople: request registered under reference ${p.reference}.${p.accessCode ? ` Access code: ${p.accessCode} (keep it).` : ''} ${p.trackUrl}`,
  },
  case_info_requested: update(
    'مطلوب معلومات إضافية لمطلبك',
    'des informations sont demandées pour votre demande',
    'information is requested for your request',
  ),
  case_transferred: update(
    'أُحيل إلى الجهة المختصّة مطلبك',
    'transfert à l’entité compétente de votre demande',
    'transferred to the competent unit: your request',
  ),
  case_deadline_extended: update(
    'مُدّد أجل الردّ على مطلبك',
    'délai de réponse prolongé pour votre demande',
    'the answer deadline is extended for your request',
  ),
  case_answer_available: update(
    'صدر الردّ على مطلبك',
    'la réponse est disponible pour votre demande',
    'the answer is available for your request',
  ),
  case_follow_up_received: update(
    'سُجّل طلب المتابعة وأُعيد فتح مطلبك',
    'demande de suivi enregistrée, réouverture de votre demande',
    'follow-up recorded, reopened: your request',
  ),
  case_rejected: update('تعذّر قبول مطلبك', 'demande non recevable :', 'request not admissible:'),
  case_progress: update(
    'مطلبك قيد المعالجة',
    'votre demande est toujours en cours de traitement :',
    'your request is still being handled:',
  ),
};

/** Any other citizen-facing event: a plain "your request changed" with the link. */
const GENERIC = update('تحيين جديد لمطلبك', 'nouvelle étape pour votre demande', 'there is news on your request');

export function renderSms(template: string, language: Language, params: SmsParams): string {
  const texts = SMS_TEMPLATES[template] ?? GENERIC;
  // Only the acknowledgement may carry the access code: every other template gets none.
  const safe = template === 'case_acknowledgement' ? params : { ...params, accessCode: undefined };
  return texts[language](safe);
}
