import type { MailTemplate } from './layout.ts';

export interface CaseAcknowledgementParams {
  reference: string;
  /**
   * Account holders only (their address is verified): the title they wrote. A guest's contact is
   * unverified, so their acknowledgement carries no text the submitter wrote (docs/notifications.md).
   */
  title?: string | undefined;
  /** Guests and anonymous reporters only: the code to track the case with its reference. */
  accessCode?: string | undefined;
  trackUrl: string;
}

/**
 * Sent on filing, in the case's language: the reference, and the access code where there is one.
 * Without a title it holds only ePeople's own words, the reference, the code and the link.
 */
export const caseAcknowledgementTemplate: MailTemplate<CaseAcknowledgementParams> = {
  ar: ({ reference, title, accessCode, trackUrl }) => ({
    subject: `تمّ تسجيل مطلبك ${reference}`,
    greeting: 'مرحبًا،',
    paragraphs: [
      title ? `تلقّينا مطلبك «${title}» تحت المرجع ${reference}.` : `تلقّينا مطلبك تحت المرجع ${reference}.`,
      accessCode
        ? 'لمتابعته، أدخل المرجع ورمز الدخول التالي. احتفظ بهذا الرمز: لن يُعرض مرة أخرى.'
        : 'يمكنك متابعته من حسابك في أيّ وقت.',
    ],
    ...(accessCode ? { code: accessCode } : {}),
    link: { label: 'متابعة المطلب', url: trackUrl },
    signature: 'فريق ePeople',
  }),
  fr: ({ reference, title, accessCode, trackUrl }) => ({
    subject: `Votre demande ${reference} est enregistrée`,
    greeting: 'Bonjour,',
    paragraphs: [
      title
        ? `Nous avons reçu votre demande « ${title} » sous la référence ${reference}.`
        : `Nous avons reçu votre demande sous la référence ${reference}.`,
      accessCode
        ? 'Pour la suivre, saisissez la référence et le code d’accès ci-dessous. Gardez ce code : il ne sera plus affiché.'
        : 'Vous pouvez la suivre à tout moment depuis votre compte.',
    ],
    ...(accessCode ? { code: accessCode } : {}),
    link: { label: 'Suivre ma demande', url: trackUrl },
    signature: 'L’équipe ePeople',
  }),
  en: ({ reference, title, accessCode, trackUrl }) => ({
    subject: `Your request ${reference} is registered`,
    greeting: 'Hello,',
    paragraphs: [
      title
        ? `We received your request “${title}” under the reference ${reference}.`
        : `We received your request under the reference ${reference}.`,
      accessCode
        ? 'To follow it, enter the reference and the access code below. Keep this code: it will not be shown again.'
        : 'You can follow it from your account at any time.',
    ],
    ...(accessCode ? { code: accessCode } : {}),
    link: { label: 'Track my request', url: trackUrl },
    signature: 'The ePeople team',
  }),
};
