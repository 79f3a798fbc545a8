/** A rendered message ready to leave the machine. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox row's id: the Message-ID is made of it (messageIdOf), the same on every attempt. */
  id: string;
}

/**
 * How e-mail leaves: over SMTP (`SMTP_URL`), or, in development with no SMTP server, not at
 * all: `keep` leaves messages in the database for the development mailbox page.
 */
export interface MailTransport {
  kind: 'smtp' | 'keep';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}
