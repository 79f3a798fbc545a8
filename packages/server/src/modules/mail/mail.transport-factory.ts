import type { Transporter } from 'nodemailer';
import type { MailTransport } from './mail.transport.ts';

/**
 * Nodemailer waits 2 minutes for a connection and 10 for a stalled socket by default: a mail server
 * that stops answering would hold a delivery job (and a shutdown) that long. These bound it; the
 * job retries the message later.
 */
export const SMTP_TIMEOUTS_MS = { connection: 15_000, greeting: 15_000, socket: 30_000 };

/**
 * The Message-ID of an outbox row: its id at PUBLIC_URL's host, the same on every attempt, so a
 * message sent again after a crash is recognisably the same one and a receiver may drop the copy
 * (docs/delivery-guarantees.md). RFC 5322 wants the right side to be a domain we own.
 */
export function messageIdOf(outboxId: string, publicUrl: string): string {
  return `<${outboxId}@${new URL(publicUrl).hostname}>`;
}

/** SMTP when `SMTP_URL` is set; otherwise messages are kept for the development mailbox. */
export function createMailTransport({
  smtpUrl,
  from,
  publicUrl,
  timeoutsMs = SMTP_TIMEOUTS_MS,
}: {
  smtpUrl: string | undefined;
  from: string;
  /** PUBLIC_URL: its host names our Message-IDs. */
  publicUrl: string;
  timeoutsMs?: typeof SMTP_TIMEOUTS_MS;
}): MailTransport {
  if (!smtpUrl) {
    return { kind: 'keep', send: async () => {}, close: () => {} };
  }
  // Nodemailer (~40 modules) loads with the first message, not at start (docs/operations.md,
  // "Start-up and memory"); one transporter (and its connections) serves every message after.
  let transporter: Promise<Transporter> | undefined;
  const transporterOnce = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutsMs.connection,
        greetingTimeout: timeoutsMs.greeting,
        socketTimeout: timeoutsMs.socket,
      }),
    ));
  return {
    kind: 'smtp',
    async send(mail) {
      await (await transporterOnce()).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.id, publicUrl),
      });
    },
    close: () => void transporter?.then((opened) => opened.close()),
  };
}
