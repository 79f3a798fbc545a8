import type { MailTemplate } from './layout.ts';

export interface RegistrationAttemptParams {
  fullName: string;
  signInUrl: string;
  resetUrl: string;
}

/**
 * Sent instead of a verification code when someone registers with an address that already has
 * an account: the answer on screen stays the same, so it does not reveal who has an account.
 */
export const registrationAttemptTemplate: MailTemplate<RegistrationAttemptParams> = {
  ar: ({ fullName, signInUrl, resetUrl }) => ({
    subject: 'محاولة تسجيل بعنوان بريدك الإلكتروني على ePeople',
    greeting: fullName ? `مرحبًا ${fullName}،` : 'مرحبًا،',
    paragraphs: [
      'حاول شخص ما إنشاء حساب على ePeople بعنوان بريدك الإلكتروني، لكن لديك حساب بالفعل.',
      `إذا كنت أنت، فسجّل الدخول (${signInUrl}) أو أعد تعيين كلمة المرور إذا نسيتها. إذا لم تكن أنت، فلا حاجة لفعل أي شيء.`,
    ],
    link: { label: 'إعادة تعيين كلمة المرور', url: resetUrl },
    signature: 'فريق ePeople',
  }),
  fr: ({ fullName, signInUrl, resetUrl }) => ({
    subject: 'Tentative d’inscription avec votre adresse sur ePeople',
    greeting: fullName ? `Bonjour ${fullName},` : 'Bonjour,',
    paragraphs: [
      'Quelqu’un a essayé de créer un compte ePeople avec votre adresse e-mail, mais vous avez déjà un compte.',
      `Si c’était vous, connectez-vous (${signInUrl}) ou réinitialisez votre mot de passe si vous l’avez oublié. Sinon, vous n’avez rien à faire.`,
    ],
    link: { label: 'Réinitialiser mon mot de passe', url: resetUrl },
    signature: 'L’équipe ePeople',
  }),
  en: ({ fullName, signInUrl, resetUrl }) => ({
    subject: 'Someone tried to register with your address on ePeople',
    greeting: fullName ? `Hello ${fullName},` : 'Hello,',
    paragraphs: [
      'Someone tried to create an ePeople account with your e-mail address, but you already have an account.',
      `If it was you, sign in (${signInUrl}) or reset your password if you forgot it. If it was not you, there is nothing to do.`,
    ],
    link: { label: 'Reset my password', url: resetUrl },
    signature: 'The ePeople team',
  }),
};
