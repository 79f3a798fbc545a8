import type { Language } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { createMailRepository } from './mail.repository.ts';
import { type MailTemplateName, type MailTemplateParams, renderMail } from './mail.templates.ts';

export const MAIL_DELIVER_JOB = 'mail.deliver';
/** One first try and pg-boss's five retries (with back-off: about a minute in all). */
export const MAX_DELIVERY_ATTEMPTS = 6;

/**
 * Renders a template and writes it to the outbox in the caller's transaction.
 * Answers the new row's id: queue its delivery with `deliverQueuedMail` once committed.
 */
export async function enqueueTemplatedMail<Name extends MailTemplateName>({
  db,
  to,
  language,
  template,
  params,
}: {
  db: Database;
  to: string;
  language: Language;
  template: Name;
  params: MailTemplateParams[Name];
}): Promise<string> {
  const rendered = renderMail(template, language, params);
  const { id } = await createMailRepository({ db }).enqueue({ to, language, template, ...rendered });
  return id;
}

/**
 * Queues delivery jobs after the outbox rows are committed. With no ids, every message never
 * tried yet is queued (callers that did not keep the ids, e.g. createStaffAccount's). A duplicate
 * job is harmless: the worker's claim lets only one of them send.
 */
export async function deliverQueuedMail(ctx: AppContext, emailIds?: readonly string[]): Promise<void> {
  const ids = emailIds ?? (await createMailRepository({ db: ctx.database.db }).listUndelivered({ neverTried: true }));
  for (const emailId of ids) {
    await ctx.jobs.send(MAIL_DELIVER_JOB, { emailId }, { retryLimit: MAX_DELIVERY_ATTEMPTS - 1 });
  }
}

/**
 * Sends one outbox message. A failure is recorded (never the body, never the address) and
 * rethrown, so pg-boss retries it with back-off; the row's claim keeps it from going out twice.
 */
export async function deliverOneMail(ctx: AppContext, emailId: string): Promise<void> {
  const repository = createMailRepository({ db: ctx.database.db });
  const mail = await repository.claim(emailId);
  if (!mail) return; // already sent, kept, given up, or being sent by another worker
  try {
    await ctx.mailTransport.send({
      id: mail.id,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
    });
  } catch (error) {
    const reason = describeFailure(error);
    const { attempts, gaveUp } = await repository.markFailed(mail.id, reason, MAX_DELIVERY_ATTEMPTS);
    ctx.logger.warn({ emailId: mail.id, template: mail.template, attempts, reason }, 'e-mail delivery failed');
    if (gaveUp) return;
    throw new Error(`e-mail ${mail.id} not delivered: ${reason}`);
  }
  await repository.markDelivered(mail.id, ctx.mailTransport.kind === 'keep' ? 'kept' : 'sent', ctx.now());
}

/** SMTP errors carry a code and the server's reply, which is enough to act on; no message data. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
  const parts = [code, responseCode, error.message].filter((part) => part !== undefined && part !== '');
  // A server's reply may quote the recipient: addresses are personal data, keep them out.
  return parts.join(' ').replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]');
}

/** Start-up: run the worker, and queue what a crash or a stop left undelivered. */
export async function startMailDelivery(ctx: AppContext): Promise<undefined> {
  await ctx.jobs.work(MAIL_DELIVER_JOB, async (data) => {
    if (typeof data.emailId === 'string') await deliverOneMail(ctx, data.emailId);
  });
  const leftOver = await createMailRepository({ db: ctx.database.db }).listUndelivered({ neverTried: false });
  await deliverQueuedMail(ctx, leftOver);
  return undefined;
}
