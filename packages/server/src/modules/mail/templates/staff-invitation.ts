import type { MailTemplate } from './layout.ts';

export interface StaffInvitationParams {
  fullName: string;
  code: string;
  hours: number;
  /** The page where the code and a new password are entered. */
  setPasswordUrl: string;
}

/** Sent when an administrator creates a staff account: the code sets its first password. */
export const staffInvitationTemplate: MailTemplate<StaffInvitationParams> = {
  ar: ({ fullName, code, hours, setPasswordUrl }) => ({
    subject: 'أُنشئ لك حساب موظف على ePeople',
    greeting: fullName ? `مرحبًا ${fullName}،` : 'مرحبًا،',
    paragraphs: [
      'أنشأ لك أحد المشرفين حسابًا على ePeople. لاختيار كلمة المرور، افتح صفحة إعادة تعيين كلمة المرور وأدخل بريدك الإلكتروني وهذا الرمز:',
      `ينتهي هذا الرمز بعد ${hours} ساعة. عند أول دخول ستُطلب منك إضافة تطبيق مصادقة (رمز TOTP).`,
    ],
    code,
    link: { label: 'اختيار كلمة المرور', url: setPasswordUrl },
    signature: 'فريق ePeople',
  }),
  fr: ({ fullName, code, hours, setPasswordUrl }) => ({
    subject: 'Un compte agent ePeople a été créé pour vous',
    greeting: fullName ? `Bonjour ${fullName},` : 'Bonjour,',
    paragraphs: [
      'Un administrateur vous a créé un compte ePeople. Pour choisir votre mot de passe, ouvrez la page de réinitialisation du mot de passe et saisissez votre adresse e-mail et ce code :',
      `Ce code expire dans ${hours} heures. À la première connexion, il vous sera demandé d’associer une application d’authentification (code TOTP).`,
    ],
    code,
    link: { label: 'Choisir mon mot de passe', url: setPasswordUrl },
    signature: 'L’équipe ePeople',
  }),
  en: ({ fullName, code, hours, setPasswordUrl }) => ({
    subject: 'An ePeople staff account was created for you',
    greeting: fullName ? `Hello ${fullName},` : 'Hello,',
    paragraphs: [
      'An administrator created an ePeople account for you. To choose your password, open the password reset page and enter your e-mail address and this code:',
      `This code expires in ${hours} hours. At your first sign-in you will be asked to add an authenticator app (TOTP code).`,
    ],
    code,
    link: { label: 'Choose my password', url: setPasswordUrl },
    signature: 'The ePeople team',
  }),
};
