import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header as sent, angle brackets included: a re-sent message repeats it. */
  messageId: string;
}

/**
 * A real SMTP server on a free local port that keeps what it receives, so tests exercise
 * nodemailer and the SMTP protocol end to end and read codes out of real messages.
 */
export async function startSmtpSink({
  acceptDelayMs = 0,
}: {
  /** Holds each message this long before accepting it, as a busy mail server does. */
  acceptDelayMs?: number;
} = {}): Promise<{
  url: string;
  messages: ReceivedMail[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /**
   * Keeps every message that arrives from now on waiting before its reply, as a slow server
   * would, until `release()`; `arrived` lists the ones waiting.
   */
  hold(): { arrived: ReceivedMail[]; release(): void };
  close(): Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  let held: { arrived: ReceivedMail[]; released: PromiseWithResolvers<void> } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed: ParsedMail) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
            a.value.map((v) => v.address ?? ''),
          );
          const mail = {
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: String(parsed.html ?? ''),
            messageId: parsed.messageId ?? '',
          };
          if (held) {
            const { arrived, released } = held;
            arrived.push(mail);
            await released.promise;
          }
          // Kept before the reply, as a mail server commits a message before it answers 250: a
          // sender that dies in between has delivered it without knowing.
          const accept = () => {
            messages.push(mail);
            callback();
          };
          if (acceptDelayMs > 0) setTimeout(accept, acceptDelayMs);
          else accept();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching e-mail arrived within ${timeoutMs} ms (received ${messages.length})`);
    },
    hold() {
      const current = { arrived: [] as ReceivedMail[], released: Promise.withResolvers<void>() };
      held = current;
      return {
        arrived: current.arrived,
        release: () => {
          if (held === current) held = undefined;
          current.released.resolve();
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
