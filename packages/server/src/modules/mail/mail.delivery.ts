import type { Language } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { whileRenewingClaims } from '../../jobs/claim-lease.ts';
import { createMailRepository, type MailRepository } from './mail.repository.ts';
import type { OutboundEmailRow } from './mail.table.ts';
import { type MailTemplateName, type MailTemplateParams, renderMail } from './mail.templates.ts';

export const MAIL_DELIVER_JOB = 'mail.deliver';
/** One first try and five retries (with back-off: about a minute in all). */
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

/** Messages per delivery job: one pg-boss insert, fetch and completion carries many messages. */
const MESSAGES_PER_JOB = 100;

/**
 * Queues delivery jobs after the outbox rows are committed, many messages per job. With no ids,
 * every message never tried yet is queued (callers that did not keep the ids, e.g.
 * createStaffAccount's). A duplicate job is harmless: the worker's claim lets only one send.
 */
export async function deliverQueuedMail(ctx: AppContext, emailIds?: readonly string[]): Promise<void> {
  const ids = emailIds ?? (await createMailRepository({ db: ctx.database.db }).listNeverTried());
  for (let start = 0; start < ids.length; start += MESSAGES_PER_JOB) {
    await queueDelivery(ctx, ids.slice(start, start + MESSAGES_PER_JOB));
  }
}

function queueDelivery(ctx: AppContext, emailIds: readonly string[], startAfterSeconds?: number) {
  // pg-boss's own retries are for a worker that died mid-job (after DELIVERY_JOB_EXPIRE_SECONDS);
  // a refused message is retried by itself (see deliverMail), so one bad address does not hold
  // back the others.
  return ctx.jobs.send(
    MAIL_DELIVER_JOB,
    { emailIds },
    {
      retryLimit: 2,
      expireInSeconds: ctx.config.DELIVERY_JOB_EXPIRE_SECONDS,
      ...(startAfterSeconds ? { startAfterSeconds } : {}),
    },
  );
}

type SendOutcome = 'delivered' | 'gave-up' | { retryAfterSeconds: number };

/**
 * Delivers outbox messages (a delivery job's): claimed in one statement for a lease that this
 * worker renews while it sends, so of two workers holding the same message only one sends it,
 * and a node that dies gives its messages back when the lease runs out. Sent one after the
 * other; each message that left is recorded at once, so a crash re-sends at most the message
 * between the SMTP server's acceptance and that record, with the same Message-ID
 * (docs/delivery-guarantees.md). The ones to try again leave in one new job, delayed by the
 * longest back-off among them.
 */
export async function deliverMail(ctx: AppContext, emailIds: readonly string[]): Promise<void> {
  const repository = createMailRepository({ db: ctx.database.db });
  const leaseSeconds = ctx.config.DELIVERY_LEASE_SECONDS;
  const claimed = await repository.claim(emailIds, leaseSeconds);
  const held = new Set(claimed.map((mail) => mail.id));
  // Kept mail never leaves the machine: marked in one statement at the end, as nothing is at risk.
  const status = ctx.mailTransport.kind === 'keep' ? 'kept' : 'sent';
  const delivered: string[] = [];
  const recordDelivered = async () => {
    await repository.markDelivered(delivered.splice(0), status, ctx.now());
  };
  const again: string[] = [];
  let delay = 0;
  const renew = () => repository.renewClaims([...held], leaseSeconds);
  await whileRenewingClaims({ leaseSeconds, renew, logger: ctx.logger }, async () => {
    try {
      for (const mail of claimed) {
        const outcome = await send(ctx, repository, mail);
        held.delete(mail.id);
        if (outcome === 'delivered') {
          delivered.push(mail.id);
          if (status === 'sent') await recordDelivered();
        } else if (typeof outcome === 'object') {
          again.push(mail.id);
          delay = Math.max(delay, outcome.retryAfterSeconds);
        }
      }
    } finally {
      // Even when something above throws, what went out is recorded as sent, never sent again.
      await recordDelivered();
    }
  });
  if (again.length > 0) await queueDelivery(ctx, again, delay);
}

/**
 * Sends one claimed message. A failure is recorded on its row (never the body, never the
 * address) and answered with when to try again (2, 4, 8, 16, 32 s: about a minute in all), or
 * 'gave-up' after MAX_DELIVERY_ATTEMPTS.
 */
async function send(ctx: AppContext, repository: MailRepository, mail: OutboundEmailRow): Promise<SendOutcome> {
  try {
    await ctx.mailTransport.send({
      id: mail.id,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
    });
    return 'delivered';
  } catch (error) {
    const reason = describeFailure(error);
    const { attempts, gaveUp } = await repository.markFailed(mail.id, reason, MAX_DELIVERY_ATTEMPTS);
    ctx.logger.warn({ emailId: mail.id, template: mail.template, attempts, reason }, 'e-mail delivery failed');
    return gaveUp ? 'gave-up' : { retryAfterSeconds: 2 ** attempts };
  }
}

/** SMTP errors carry a code and the server's reply, which is enough to act on; no message data. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
  const parts = [code, responseCode, error.message].filter((part) => part !== undefined && part !== '');
  // A server's reply may quote the recipient: addresses are personal data, keep them out.
  return parts.join(' ').replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]');
}

/**
 * Hands to a job again what a dead node or a lost job left: claims whose lease ran out, and rows
 * pending for two leases (a retry waits at most 32 s, so those are not waiting for their own
 * job). A row queued twice is harmless: the claim lets one worker send it. Answers how many.
 */
export async function sweepMail(ctx: AppContext): Promise<number> {
  const pendingSince = new Date(ctx.now().getTime() - 2 * ctx.config.DELIVERY_LEASE_SECONDS * 1000);
  const ids = await createMailRepository({ db: ctx.database.db }).listToSweep(pendingSince);
  await deliverQueuedMail(ctx, ids);
  return ids.length;
}

/**
 * Start-up: run the worker, queue what a crash or a stop left undelivered, and sweep every
 * DELIVERY_SWEEP_SECONDS on every node, so a dead node's claims come back while it stays down.
 */
export async function startMailDelivery(ctx: AppContext): Promise<() => void> {
  const repository = createMailRepository({ db: ctx.database.db });
  await ctx.jobs.work(
    MAIL_DELIVER_JOB,
    async (data) => {
      // Jobs queued before batching carried one message each.
      const ids = Array.isArray(data.emailIds) ? data.emailIds : [data.emailId];
      await deliverMail(
        ctx,
        ids.filter((id): id is string => typeof id === 'string'),
      );
    },
    { batchSize: 10 },
  );
  await deliverQueuedMail(ctx, await repository.listToSweep(ctx.now()));
  const timer = setInterval(() => {
    sweepMail(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'mail sweep failed'));
  }, ctx.config.DELIVERY_SWEEP_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
