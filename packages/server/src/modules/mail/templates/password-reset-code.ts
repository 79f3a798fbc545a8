import type { MailTemplate } from './layout.ts';

export interface PasswordResetCodeParams {
  fullName: string;
  code: string;
  minutes: number;
}

/** Sent on "forgot password" when the address belongs to an active account. */
export const passwordResetCodeTemplate: MailTemplate<PasswordResetCodeParams> = {
  ar: ({ fullName, code, minutes }) => ({
    subject: 'رمز إعادة تعيين كلمة المرور على ePeople',
    greeting: fullName ? `مرحبًا ${fullName}،` : 'مرحبًا،',
    paragraphs: [
      'طُلبت إعادة تعيين كلمة مرور حسابك. أدخل الرمز التالي لاختيار كلمة مرور جديدة:',
      `ينتهي هذا الرمز بعد ${minutes} دقيقة. إذا لم تطلب ذلك فتجاهل هذه الرسالة، ولن يتغير شيء في حسابك.`,
    ],
    code,
    signature: 'فريق ePeople',
  }),
  fr: ({ fullName, code, minutes }) => ({
    subject: 'Votre code de réinitialisation du mot de passe ePeople',
    greeting: fullName ? `Bonjour ${fullName},` : 'Bonjour,',
    paragraphs: [
      'Une réinitialisation du mot de passe de votre compte a été demandée. Saisissez ce code pour choisir un nouveau mot de passe :',
      `Ce code expire dans ${minutes} minutes. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne change sur votre compte.`,
    ],
    code,
    signature: 'L’équipe ePeople',
  }),
  en: ({ fullName, code, minutes }) => ({
    subject: 'Your ePeople password reset code',
    greeting: fullName ? `Hello ${fullName},` : 'Hello,',
    paragraphs: [
      'Someone asked to reset the password of your account. Enter this code to choose a new password:',
      `This code expires in ${minutes} minutes. If you did not ask for this, ignore this message: nothing changes on your account.`,
    ],
    code,
    signature: 'The ePeople team',
  }),
};
