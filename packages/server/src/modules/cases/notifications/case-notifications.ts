import type { Language } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import { whileRenewingClaims } from '../../../jobs/claim-lease.ts';
import type { JobQueue } from '../../../jobs/job-queue.ts';
import {
  createMailRepository,
  deliverQueuedMail,
  type MailTemplateName,
  type NewOutboundEmail,
  renderMail,
} from '../../mail/index.ts';
import { createSmsGateway, renderSms, SmsCountryNotAllowedError } from '../../sms/index.ts';
import { unseal } from '../cases.codes.ts';
import type { NewCaseNotification } from '../cases.repository.ts';
import type { CaseNotificationRow, CaseRow } from '../cases.table.ts';
import { createNotificationDispatcher, type NotificationDispatcher } from './case-notifications.dispatcher.ts';
import { createCaseNotificationsRepository } from './case-notifications.repository.ts';

export const CASE_NOTIFY_JOB = 'cases.notify';
export const ACCESS_CODE_SEAL = 'access-code';

/**
 * Case notifications go through one outbox (case_notifications), written in the transaction of
 * the change; after commit a job hands each row on: e-mail to the mail outbox (rendered in the
 * case's language, then delivered and retried by the mail worker), in-app to
 * staff_notifications (both hand-overs commit with the status change, so nothing is sent
 * twice), SMS to the SMS gateway (see deliverSms). The rows of concurrent changes share one job
 * (see case-notifications.dispatcher.ts).
 */
export async function dispatchCaseNotifications(ctx: AppContext, ids: readonly string[]): Promise<void> {
  // The rows are committed, so the change is done: its request does not wait for the job. A send
  // that fails leaves them pending for the sweep (startCaseNotifications).
  dispatcherOf(ctx)
    .dispatch(ids)
    .catch((error: unknown) => ctx.logger.error({ err: error }, 'case notifications not queued; the sweep takes them'));
}

function dispatcherOf(ctx: AppContext): NotificationDispatcher {
  let dispatcher = dispatchers.get(ctx.jobs);
  if (!dispatcher) {
    const { jobs } = ctx;
    // A job a dead node held comes back after DELIVERY_JOB_EXPIRE_SECONDS, not pg-boss's 15 minutes.
    const expireInSeconds = ctx.config.DELIVERY_JOB_EXPIRE_SECONDS;
    dispatcher = createNotificationDispatcher(
      async (notificationIds) => {
        await jobs.send(CASE_NOTIFY_JOB, { notificationIds }, { retryLimit: 5, expireInSeconds });
      },
      // A steady stream of filings (one every few ms) shares a job instead of one job each.
      { lingerMs: DISPATCH_LINGER_MS },
    );
    dispatchers.set(ctx.jobs, dispatcher);
  }
  return dispatcher;
}
const DISPATCH_LINGER_MS = 20;
/** One dispatcher per job queue (tests run many applications in one process). */
const dispatchers = new WeakMap<JobQueue, NotificationDispatcher>();

/**
 * The people to tell about a citizen-facing event. A registered citizen is told on the channels
 * they chose (e-mail, SMS when they have a phone; the profile keeps one on, and e-mail is the
 * fallback); a guest on the contact they gave (e-mail, else the phone), without the title.
 * Anonymous: nobody.
 */
export async function citizenRecipients({
  db,
  theCase,
  template,
  data,
}: {
  db: Database;
  theCase: Pick<CaseRow, 'id' | 'language' | 'citizenId' | 'guestEmail' | 'guestPhone'>;
  template: MailTemplateName;
  data: Record<string, unknown>;
}): Promise<NewCaseNotification[]> {
  const base = { caseId: theCase.id, language: theCase.language, template, data };
  if (theCase.citizenId) {
    const contact = await createCaseNotificationsRepository({ db }).citizenContact(theCase.citizenId);
    if (!contact) return [];
    const rows: NewCaseNotification[] = [];
    if (contact.notifyEmail) rows.push({ ...base, channel: 'email', recipient: contact.email });
    if (contact.notifySms && contact.phone) rows.push({ ...base, channel: 'sms', recipient: contact.phone });
    return rows.length > 0 ? rows : [{ ...base, channel: 'email', recipient: contact.email }];
  }
  // A guest's contact was typed, never verified: it gets no text the submitter wrote, whatever
  // the caller put in `data` (docs/notifications.md).
  const { title: _title, ...unverifiedData } = data;
  const guest = { ...base, data: unverifiedData };
  const rows: NewCaseNotification[] = [];
  if (theCase.guestEmail) rows.push({ ...guest, channel: 'email', recipient: theCase.guestEmail });
  else if (theCase.guestPhone) rows.push({ ...guest, channel: 'sms', recipient: theCase.guestPhone });
  return rows;
}

/**
 * Delivers a job's rows. In one transaction the rows are claimed, the e-mails rendered in the
 * case's language and written to the mail outbox, the in-app notices written, and every row
 * handed over is marked, so nothing is handed over twice; then the e-mails leave in one mail job
 * and each SMS goes to the gateway. A row that fails (an SMS refused, a message that cannot be
 * rendered) does not hold back the others: the job then fails and is retried for it alone (the
 * claim only takes rows still pending).
 */
export async function deliverCaseNotifications(ctx: AppContext, notificationIds: readonly string[]): Promise<void> {
  const handedOver = await ctx.database.db.transaction(async (tx) => {
    const repository = createCaseNotificationsRepository({ db: tx });
    const now = ctx.now();
    const failures: unknown[] = [];
    const mails: NewOutboundEmail[] = [];
    const done: string[] = [];
    const inApp: CaseNotificationRow[] = [];
    const sms: CaseNotificationRow[] = [];
    for (const row of await repository.claim(notificationIds)) {
      if (row.channel === 'sms') sms.push(row);
      else if (row.channel === 'in_app') inApp.push(row);
      else {
        try {
          const language = row.language as Language;
          const template = row.template as MailTemplateName;
          mails.push({
            to: row.recipient,
            language,
            template,
            ...renderMail(template, language, paramsOf(ctx, row.data) as never),
          });
          done.push(row.id);
        } catch (error) {
          // Counted on the row like a refused SMS: after MAX_ATTEMPTS it is given up, not swept again.
          const reason = (error as Error).message;
          const failure = await repository.markFailedAttempt(row.id, reason, MAX_ATTEMPTS);
          if (failure?.gaveUp)
            logGaveUp(ctx, row, failure.attempts, reason, 'case notification could not be rendered; gave up');
          else failures.push(error);
        }
      }
    }
    const emailIds = await createMailRepository({ db: tx }).enqueueMany(mails);
    await repository.insertStaffNotifications(
      inApp.map((row) => ({
        userId: row.recipient,
        caseId: row.caseId,
        template: row.template,
        data: row.data,
        createdAt: now,
      })),
    );
    await repository.markDone([...done, ...inApp.map((row) => row.id)], 'sent', now);
    for (const row of sms) await repository.markSending(row.id, ctx.config.DELIVERY_LEASE_SECONDS);
    return { emailIds, sms, failures };
  });
  const { emailIds, sms, failures } = handedOver;
  // The SMS claims are renewed while the gateway calls run; one that ends releases its row.
  const leaseSeconds = ctx.config.DELIVERY_LEASE_SECONDS;
  const held = new Set(sms.map((row) => row.id));
  const claims = createCaseNotificationsRepository({ db: ctx.database.db });
  const renew = () => claims.renewClaims([...held], leaseSeconds);
  await whileRenewingClaims({ leaseSeconds, renew, logger: ctx.logger }, async () => {
    for (const row of sms) {
      try {
        await deliverSms(ctx, row);
      } catch (error) {
        failures.push(error);
      }
      held.delete(row.id);
    }
  });
  if (emailIds.length > 0) await deliverQueuedMail(ctx, emailIds);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} case notifications failed`);
}

/**
 * One first try and five retries, as for e-mail; then the row is `failed` for good (an SMS the
 * gateway keeps refusing, a message that cannot be rendered), and the sweep leaves it alone.
 */
const MAX_ATTEMPTS = 6;

/**
 * An SMS leaves the database, so it cannot commit with its status: the row is marked `sending`
 * (committed) before the gateway call and `sent` after. A refusal puts it back to `pending` and
 * throws, so the job retries it; after MAX_ATTEMPTS (counted on the row, across jobs and
 * restarts) it is `failed`, logged without the number or the text, and not retried again. A
 * worker that dies mid-call leaves it to the claim's lease (DELIVERY_LEASE_SECONDS), and the
 * retry carries the same `Idempotency-Key` (the row's id) for the gateway to drop a duplicate
 * (docs/delivery-guarantees.md).
 */
async function deliverSms(ctx: AppContext, notification: CaseNotificationRow): Promise<void> {
  const gateway = createSmsGateway({ config: ctx.config, db: ctx.database.db, now: ctx.now });
  const params = paramsOf(ctx, notification.data);
  const text = renderSms(notification.template, notification.language, {
    reference: String(params.reference ?? ''),
    trackUrl: String(params.trackUrl ?? ''),
    accessCode: typeof params.accessCode === 'string' ? params.accessCode : undefined,
  });
  const repository = createCaseNotificationsRepository({ db: ctx.database.db });
  let providerId: string;
  try {
    providerId = await gateway.send(notification.recipient, text, { idempotencyKey: notification.id });
  } catch (error) {
    if (error instanceof SmsCountryNotAllowedError) {
      // Defence in depth (docs/notifications.md): filing and the profile refuse such numbers,
      // the gateway refuses them again; a retry would be refused the same way.
      await repository.markSuppressed(notification.id, error.message);
      ctx.logger.warn({ notificationId: notification.id, caseId: notification.caseId }, error.message);
      return;
    }
    const reason = (error as Error).message;
    const failure = await repository.markFailedAttempt(notification.id, reason, MAX_ATTEMPTS);
    if (!failure?.gaveUp) throw error;
    logGaveUp(ctx, notification, failure.attempts, reason, 'SMS delivery gave up');
    return;
  }
  await repository.markDone([notification.id], gateway.kind === 'keep' ? 'kept' : 'sent', ctx.now(), providerId);
}

/** A row given up for good: which one and why, never its recipient or its text. */
function logGaveUp(ctx: AppContext, row: CaseNotificationRow, attempts: number, reason: string, message: string) {
  ctx.logger.warn({ notificationId: row.id, caseId: row.caseId, template: row.template, attempts, reason }, message);
}

/** Template parameters, with a sealed access code opened only now, for the message itself. */
function paramsOf(ctx: AppContext, data: Record<string, unknown>): Record<string, unknown> {
  const { sealedAccessCode, ...params } = data;
  if (typeof sealedAccessCode !== 'string') return params;
  return { ...params, accessCode: unseal(ctx.config, ACCESS_CODE_SEAL, sealedAccessCode) };
}

/**
 * Rows left pending this long (two leases: 2 minutes by default) are handed to a job again by
 * the sweep: their node stopped before queueing them, their send failed, or an SMS is waiting
 * for another try. Claims whose lease ran out are handed on at once.
 */
export const sweepAfterMs = (config: AppContext['config']) => 2 * config.DELIVERY_LEASE_SECONDS * 1000;

/** Queues the rows pending for longer than sweepAfterMs, and expired claims; answers how many. */
export async function sweepCaseNotifications(ctx: AppContext): Promise<number> {
  const repository = createCaseNotificationsRepository({ db: ctx.database.db });
  const ids = await repository.listPending(new Date(ctx.now().getTime() - sweepAfterMs(ctx.config)));
  await dispatchCaseNotifications(ctx, ids);
  return ids.length;
}

/**
 * Start-up: run the worker, queue what a crash or a stop left undelivered, and sweep every
 * DELIVERY_SWEEP_SECONDS on every node (a row is handed over once: the claim takes pending rows
 * and expired claims only).
 */
export async function startCaseNotifications(ctx: AppContext): Promise<() => Promise<void>> {
  await ctx.jobs.work(
    CASE_NOTIFY_JOB,
    async (data) => {
      // Jobs queued before batching carried one row each.
      const ids = Array.isArray(data.notificationIds) ? data.notificationIds : [data.notificationId];
      await deliverCaseNotifications(
        ctx,
        ids.filter((id): id is string => typeof id === 'string'),
      );
    },
    { batchSize: 10 },
  );
  await dispatchCaseNotifications(ctx, await createCaseNotificationsRepository({ db: ctx.database.db }).listPending());
  const timer = setInterval(() => {
    sweepCaseNotifications(ctx).catch((error: unknown) =>
      ctx.logger.error({ err: error }, 'case notification sweep failed'),
    );
  }, ctx.config.DELIVERY_SWEEP_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await dispatcherOf(ctx).idle();
  };
}
