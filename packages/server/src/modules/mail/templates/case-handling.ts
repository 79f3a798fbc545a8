import type { MailTemplate } from './layout.ts';

/**
 * What the back office tells the citizen, in the case's language: information requested, case
 * transferred, deadline extended, answer available, case rejected. Parameters never carry an
 * access code or internal text; the citizen reads the details on the case's page.
 */
export interface CaseUpdateParams {
  reference: string;
  /**
   * Account holders only. A guest's contact is unverified, so it never gets the title back
   * (docs/notifications.md): the texts then name the request by its reference.
   */
  title?: string | undefined;
  trackUrl: string;
  /** The question, the transfer's or extension's reason, or the rejection's explanation. */
  message?: string | undefined;
  /** The new deadline (ISO), for an extension. */
  dueAt?: string | undefined;
}

const dateIn = (locale: string, iso: string | undefined) =>
  iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Africa/Tunis' }).format(new Date(iso)) : '';

type Texts = Record<
  'ar' | 'fr' | 'en',
  { subject: string; lines: (params: CaseUpdateParams & { title: string }) => string[] }
>;

function template(texts: Texts): MailTemplate<CaseUpdateParams> {
  const common = {
    ar: { greeting: 'مرحبًا،', link: 'الاطلاع على المطلب', signature: 'فريق ePeople' },
    fr: { greeting: 'Bonjour,', link: 'Voir ma demande', signature: 'L’équipe ePeople' },
    en: { greeting: 'Hello,', link: 'See my request', signature: 'The ePeople team' },
  };
  const build = (language: 'ar' | 'fr' | 'en') => (params: CaseUpdateParams) => ({
    subject: `${texts[language].subject} ${params.reference}`,
    greeting: common[language].greeting,
    paragraphs: texts[language].lines({ ...params, title: params.title ?? params.reference }),
    link: { label: common[language].link, url: params.trackUrl },
    signature: common[language].signature,
  });
  return { ar: build('ar'), fr: build('fr'), en: build('en') };
}

const withMessage = (lines: string[], message: string | undefined) => (message ? [...lines, message] : lines);

export const caseInfoRequestedTemplate = template({
  ar: {
    subject: 'مطلوب معلومات إضافية للمطلب',
    lines: (p) => withMessage([`تحتاج الإدارة إلى معلومات إضافية لمعالجة مطلبك «${p.title}»:`], p.message),
  },
  fr: {
    subject: 'Informations demandées pour la demande',
    lines: (p) =>
      withMessage([`L’administration a besoin d’informations pour traiter votre demande « ${p.title} » :`], p.message),
  },
  en: {
    subject: 'Information requested for request',
    lines: (p) =>
      withMessage([`The administration needs more information to handle your request “${p.title}”:`], p.message),
  },
});

export const caseTransferredTemplate = template({
  ar: {
    subject: 'أُحيل مطلبك',
    lines: (p) => withMessage([`أُحيل مطلبك «${p.title}» إلى الجهة المختصّة، وتبدأ آجال معالجته من جديد.`], p.message),
  },
  fr: {
    subject: 'Demande transférée',
    lines: (p) =>
      withMessage(
        [`Votre demande « ${p.title} » a été transférée à l’entité compétente ; son délai de traitement recommence.`],
        p.message,
      ),
  },
  en: {
    subject: 'Request transferred',
    lines: (p) =>
      withMessage(
        [`Your request “${p.title}” was transferred to the competent unit; its handling time starts again.`],
        p.message,
      ),
  },
});

export const caseDeadlineExtendedTemplate = template({
  ar: {
    subject: 'تمديد أجل معالجة المطلب',
    lines: (p) =>
      withMessage([`مُدّد أجل الردّ على مطلبك «${p.title}» إلى ${dateIn('ar-TN', p.dueAt)}. السبب:`], p.message),
  },
  fr: {
    subject: 'Délai prolongé pour la demande',
    lines: (p) =>
      withMessage(
        [
          `Le délai de réponse à votre demande « ${p.title} » est prolongé jusqu’au ${dateIn('fr-FR', p.dueAt)}. Motif :`,
        ],
        p.message,
      ),
  },
  en: {
    subject: 'Deadline extended for request',
    lines: (p) =>
      withMessage(
        [`The deadline to answer your request “${p.title}” is extended to ${dateIn('en-GB', p.dueAt)}. Reason:`],
        p.message,
      ),
  },
});

export const caseAnswerAvailableTemplate = template({
  ar: { subject: 'صدر الردّ على مطلبك', lines: (p) => [`صدر الردّ على مطلبك «${p.title}». يمكنك الاطلاع عليه وتقييمه.`] },
  fr: {
    subject: 'Réponse disponible pour la demande',
    lines: (p) => [`La réponse à votre demande « ${p.title} » est disponible. Vous pouvez la consulter et l’évaluer.`],
  },
  en: {
    subject: 'Answer available for request',
    lines: (p) => [`The answer to your request “${p.title}” is available. You can read and rate it.`],
  },
});

/** The citizen asked for a follow-up: the request is reopened to the same unit, with a new deadline. */
export const caseFollowUpReceivedTemplate = template({
  ar: {
    subject: 'تمّ تسجيل طلب المتابعة',
    lines: (p) => [`تمّ تسجيل طلب المتابعة لمطلبك «${p.title}». أُعيد فتح المطلب لدى نفس الجهة بأجل جديد للردّ.`],
  },
  fr: {
    subject: 'Demande de suivi enregistrée',
    lines: (p) => [
      `Votre demande de suivi pour « ${p.title} » est enregistrée. La demande est rouverte auprès du même service, avec un nouveau délai de réponse.`,
    ],
  },
  en: {
    subject: 'Follow-up request recorded',
    lines: (p) => [
      `Your follow-up request for “${p.title}” is recorded. The request is reopened with the same unit, with a new answer deadline.`,
    ],
  },
});

export const caseRejectedTemplate = template({
  ar: { subject: 'تعذّر قبول المطلب', lines: (p) => withMessage([`تعذّر قبول مطلبك «${p.title}»:`], p.message) },
  fr: {
    subject: 'Demande non recevable',
    lines: (p) => withMessage([`Votre demande « ${p.title} » n’a pas pu être reçue :`], p.message),
  },
  en: {
    subject: 'Request not admissible',
    lines: (p) => withMessage([`Your request “${p.title}” could not be accepted:`], p.message),
  },
});

/** A handler wrote in the case's thread; the message itself is read on the case's page. */
export const caseMessageReceivedTemplate = template({
  ar: {
    subject: 'رسالة جديدة بخصوص المطلب',
    lines: (p) => [`كتبت لك الإدارة رسالة بخصوص مطلبك «${p.title}». يمكنك قراءتها والردّ عليها في صفحة المطلب.`],
  },
  fr: {
    subject: 'Nouveau message pour la demande',
    lines: (p) => [
      `L’administration vous a écrit au sujet de votre demande « ${p.title} ». Lisez le message et répondez sur la page de la demande.`,
    ],
  },
  en: {
    subject: 'New message about request',
    lines: (p) => [
      `The administration wrote to you about your request “${p.title}”. Read the message and reply on the request's page.`,
    ],
  },
});

/** Every 30 days on a long case: still being handled, with the current deadline when it runs. */
export const caseProgressTemplate = template({
  ar: {
    subject: 'مطلبك قيد المعالجة',
    lines: (p) => [
      `مطلبك «${p.title}» ما يزال قيد المعالجة لدى الإدارة.`,
      ...(p.dueAt ? [`الأجل الحالي للردّ: ${dateIn('ar-TN', p.dueAt)}.`] : []),
    ],
  },
  fr: {
    subject: 'Votre demande est en cours de traitement',
    lines: (p) => [
      `Votre demande « ${p.title} » est toujours en cours de traitement par l’administration.`,
      ...(p.dueAt ? [`Délai de réponse actuel : ${dateIn('fr-FR', p.dueAt)}.`] : []),
    ],
  },
  en: {
    subject: 'Your request is being handled',
    lines: (p) => [
      `Your request “${p.title}” is still being handled by the administration.`,
      ...(p.dueAt ? [`Current answer deadline: ${dateIn('en-GB', p.dueAt)}.`] : []),
    ],
  },
});
