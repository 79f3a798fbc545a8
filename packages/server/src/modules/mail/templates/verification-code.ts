import type { MailTemplate } from './layout.ts';

export interface VerificationCodeParams {
  fullName: string;
  code: string;
  minutes: number;
}

/** Sent after registration and on "send the code again": proves the address is the person's. */
export const verificationCodeTemplate: MailTemplate<VerificationCodeParams> = {
  ar: ({ fullName, code, minutes }) => ({
    subject: 'رمز تأكيد بريدك الإلكتروني على ePeople',
    greeting: fullName ? `مرحبًا ${fullName}،` : 'مرحبًا،',
    paragraphs: [
      'لتأكيد عنوان بريدك الإلكتروني، أدخل الرمز التالي في صفحة التأكيد:',
      `ينتهي هذا الرمز بعد ${minutes} دقيقة. إذا لم تُنشئ حسابًا على ePeople فتجاهل هذه الرسالة.`,
    ],
    code,
    signature: 'فريق ePeople',
  }),
  fr: ({ fullName, code, minutes }) => ({
    subject: 'Votre code de confirmation ePeople',
    greeting: fullName ? `Bonjour ${fullName},` : 'Bonjour,',
    paragraphs: [
      'Pour confirmer votre adresse e-mail, saisissez ce code sur la page de confirmation :',
      `Ce code expire dans ${minutes} minutes. Si vous n’avez pas créé de compte ePeople, ignorez ce message.`,
    ],
    code,
    signature: 'L’équipe ePeople',
  }),
  en: ({ fullName, code, minutes }) => ({
    subject: 'Your ePeople confirmation code',
    greeting: fullName ? `Hello ${fullName},` : 'Hello,',
    paragraphs: [
      'To confirm your e-mail address, enter this code on the confirmation page:',
      `This code expires in ${minutes} minutes. If you did not create an ePeople account, ignore this message.`,
    ],
    code,
    signature: 'The ePeople team',
  }),
};
