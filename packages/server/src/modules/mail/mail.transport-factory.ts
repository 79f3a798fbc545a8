import nodemailer from 'nodemailer';
import type { MailTransport } from './mail.transport.ts';

/** SMTP when `SMTP_URL` is set; otherwise messages are kept for the development mailbox. */
export function createMailTransport({ smtpUrl, from }: { smtpUrl: string | undefined; from: string }): MailTransport {
  if (!smtpUrl) {
    return { kind: 'keep', send: async () => {}, close: () => {} };
  }
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@epeople>`,
      });
    },
    close: () => transporter.close(),
  };
}
