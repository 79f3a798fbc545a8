import type { MailTemplate } from './layout.ts';

/**
 * No name: the address is not verified yet, and the name is whatever the registrant typed, so
 * ePeople must not write it to that address in its own name (docs/notifications.md).
 */
export interface VerificationCodeParams {
  code: string;
  minutes: number;
}

/** Sent after registration and on "send the code again": proves the address is the person's. */
export const verificationCodeTemplate: MailTemplate<VerificationCodeParams> = {
  ar: ({ code, minutes }) => ({
    subject: 'رمز تأكيد بريدك الإلكتروني على ePeople',
    greeting: 'مرحبًا،',
    paragraphs: [
      'لتأكيد عنوان بريدك الإلكتروني، أدخل الرمز التالي في صفحة التأكيد:',
      `ينتهي هذا الرمز بعد ${minutes} دقيقة. إذا لم تُنشئ حسابًا على ePeople فتجاهل هذه الرسالة.`,
    ],
    code,
    signature: 'فريق ePeople',
  }),
  fr: ({ code, minutes }) => ({
    subject: 'Votre code de confirmation ePeople',
    greeting: 'Bonjour,',
    paragraphs: [
      'Pour confirmer votre adresse e-mail, saisissez ce code sur la page de confirmation :',
      `Ce code expire dans ${minutes} minutes. Si vous n’avez pas créé de compte ePeople, ignorez ce message.`,
    ],
    code,
    signature: 'L’équipe ePeople',
  }),
  en: ({ code, minutes }) => ({
    subject: 'Your ePeople confirmation code',
    greeting: 'Hello,',
    paragraphs: [
      'To confirm your e-mail address, enter this code on the confirmation page:',
      `This code expires in ${minutes} minutes. If you did not create an ePeople account, ignore this message.`,
    ],
    code,
    signature: 'The ePeople team',
  }),
};
