import type { Language } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/client.ts';
import { deliverQueuedMail, enqueueTemplatedMail, type MailTemplateName } from '../mail/index.ts';
import { createCaseNotificationsRepository } from './case-notifications.repository.ts';
import { unseal } from './cases.codes.ts';
import type { NewCaseNotification } from './cases.repository.ts';
import type { CaseRow } from './cases.table.ts';

export const CASE_NOTIFY_JOB = 'cases.notify';
export const ACCESS_CODE_SEAL = 'access-code';

/**
 * Case notifications go through one outbox (case_notifications), written in the transaction of
 * the change; after commit a job hands each row on: e-mail to the mail outbox (rendered in the
 * case's language, then delivered and retried by the mail worker), SMS to the development
 * stand-in (kept, until an SMS gateway is configured), in-app to staff_notifications. The
 * hand-over and the status change commit together, so nothing is sent twice.
 */
export async function dispatchCaseNotifications(ctx: AppContext, ids: readonly string[]): Promise<void> {
  for (const notificationId of ids) {
    await ctx.jobs.send(CASE_NOTIFY_JOB, { notificationId }, { retryLimit: 5 });
  }
}

/** The people to tell about a citizen-facing event: the owner's account, else the guest's contact. */
export async function citizenRecipients({
  db,
  theCase,
  template,
  data,
}: {
  db: Database;
  theCase: CaseRow;
  template: MailTemplateName;
  data: Record<string, unknown>;
}): Promise<NewCaseNotification[]> {
  const base = { caseId: theCase.id, language: theCase.language, template, data };
  if (theCase.citizenId) {
    const contact = await createCaseNotificationsRepository({ db }).citizenContact(theCase.citizenId);
    return contact ? [{ ...base, channel: 'email', recipient: contact.email }] : [];
  }
  const rows: NewCaseNotification[] = [];
  if (theCase.guestEmail) rows.push({ ...base, channel: 'email', recipient: theCase.guestEmail });
  else if (theCase.guestPhone) rows.push({ ...base, channel: 'sms', recipient: theCase.guestPhone });
  return rows;
}

export async function deliverCaseNotification(ctx: AppContext, notificationId: string): Promise<void> {
  const emailIds = await ctx.database.db.transaction(async (tx) => {
    const repository = createCaseNotificationsRepository({ db: tx });
    const notification = await repository.claim(notificationId);
    if (!notification) return [];
    const now = ctx.now();
    switch (notification.channel) {
      case 'email': {
        const emailId = await enqueueTemplatedMail({
          db: tx,
          to: notification.recipient,
          language: notification.language as Language,
          template: notification.template as MailTemplateName,
          params: paramsOf(ctx, notification.data) as never,
        });
        await repository.markDone(notification.id, 'sent', now);
        return [emailId];
      }
      case 'sms':
        // Development stand-in: the message stays in the outbox, marked kept.
        await repository.markDone(notification.id, 'kept', now);
        return [];
      case 'in_app':
        await repository.insertStaffNotification({
          userId: notification.recipient,
          caseId: notification.caseId,
          template: notification.template,
          data: notification.data,
        });
        await repository.markDone(notification.id, 'sent', now);
        return [];
    }
  });
  if (emailIds.length > 0) await deliverQueuedMail(ctx, emailIds);
}

/** Template parameters, with a sealed access code opened only now, for the message itself. */
function paramsOf(ctx: AppContext, data: Record<string, unknown>): Record<string, unknown> {
  const { sealedAccessCode, ...params } = data;
  if (typeof sealedAccessCode !== 'string') return params;
  return { ...params, accessCode: unseal(ctx.config, ACCESS_CODE_SEAL, sealedAccessCode) };
}

/** Start-up: run the worker, and queue what a crash or a stop left undelivered. */
export async function startCaseNotifications(ctx: AppContext): Promise<undefined> {
  await ctx.jobs.work(CASE_NOTIFY_JOB, async (data) => {
    if (typeof data.notificationId === 'string') await deliverCaseNotification(ctx, data.notificationId);
  });
  const leftOver = await createCaseNotificationsRepository({ db: ctx.database.db }).listPending();
  await dispatchCaseNotifications(ctx, leftOver);
  return undefined;
}
