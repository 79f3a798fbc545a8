import { randomUUID } from 'node:crypto';
import type { Language } from '@epeople/contracts';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { outboundEmails } from './mail.table.ts';

export interface NewOutboundEmail {
  to: string;
  language: Language;
  template: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A claim is a lease (migration 0017): its worker renews it while it sends, so one that has run
 * out belongs to a node that died mid-send, and the row may be taken again.
 */
const claimExpired = and(eq(outboundEmails.status, 'sending'), sql`${outboundEmails.claimedUntil} < now()`);
const claimable = or(eq(outboundEmails.status, 'pending'), claimExpired);
const leaseEnd = (leaseSeconds: number) => sql`now() + make_interval(secs => ${leaseSeconds})`;

export function createMailRepository({ db }: { db: Database }) {
  return {
    /** Writes a message to the outbox; call it in the transaction of the change that causes it. */
    async enqueue(mail: NewOutboundEmail): Promise<{ id: string }> {
      const [id] = await this.enqueueMany([mail]);
      if (!id) throw new Error('outbound e-mail was not inserted');
      return { id };
    },

    /** Several messages in one statement, ids in the order given. */
    async enqueueMany(mails: readonly NewOutboundEmail[]): Promise<string[]> {
      if (mails.length === 0) return [];
      const ids = mails.map(() => randomUUID());
      await db.insert(outboundEmails).values(
        mails.map((mail, index) => ({
          id: ids[index],
          toAddress: mail.to,
          language: mail.language,
          template: mail.template,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
        })),
      );
      return ids;
    },

    /**
     * Takes messages for sending, atomically, for `leaseSeconds`: of two workers holding jobs for
     * the same message only one gets its row back while the lease lasts. Answers those it took.
     */
    async claim(ids: readonly string[], leaseSeconds: number) {
      if (ids.length === 0) return [];
      return db
        .update(outboundEmails)
        .set({ status: 'sending', claimedAt: sql`now()`, claimedUntil: leaseEnd(leaseSeconds) })
        .where(and(inArray(outboundEmails.id, [...ids]), claimable))
        .returning();
    },

    /** Pushes the lease of rows still being sent another `leaseSeconds` on (see whileRenewingClaims). */
    async renewClaims(ids: readonly string[], leaseSeconds: number): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(outboundEmails)
        .set({ claimedUntil: leaseEnd(leaseSeconds) })
        .where(and(inArray(outboundEmails.id, [...ids]), eq(outboundEmails.status, 'sending')));
    },

    /** Keeps `last_error` of earlier tries: it tells why the message was late. */
    async markDelivered(ids: readonly string[], status: 'sent' | 'kept', at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(outboundEmails)
        .set({ status, sentAt: at, attempts: sql`${outboundEmails.attempts} + 1`, claimedUntil: null })
        .where(inArray(outboundEmails.id, [...ids]));
    },

    /** Gives the claim back for a retry, or gives up for good after `maxAttempts`. */
    async markFailed(id: string, error: string, maxAttempts: number): Promise<{ attempts: number; gaveUp: boolean }> {
      const [row] = await db
        .update(outboundEmails)
        .set({
          attempts: sql`${outboundEmails.attempts} + 1`,
          lastError: error.slice(0, 500),
          status: sql`CASE WHEN ${outboundEmails.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
          claimedAt: null,
          claimedUntil: null,
        })
        .where(eq(outboundEmails.id, id))
        .returning({ attempts: outboundEmails.attempts, status: outboundEmails.status });
      return { attempts: row?.attempts ?? 0, gaveUp: row?.status === 'failed' };
    },

    /** Messages never tried yet, oldest first. */
    async listNeverTried(): Promise<string[]> {
      const rows = await db
        .select({ id: outboundEmails.id })
        .from(outboundEmails)
        .where(and(eq(outboundEmails.status, 'pending'), eq(outboundEmails.attempts, 0)))
        .orderBy(outboundEmails.createdAt)
        .limit(1000);
      return rows.map((row) => row.id);
    },

    /**
     * What the sweep hands to a job again: claims whose lease ran out (their node died), and rows
     * still pending that were written before `pendingSince` (their job was lost with a node, or a
     * retry is due). Oldest first.
     */
    async listToSweep(pendingSince: Date): Promise<string[]> {
      const rows = await db
        .select({ id: outboundEmails.id })
        .from(outboundEmails)
        .where(or(claimExpired, and(eq(outboundEmails.status, 'pending'), lt(outboundEmails.createdAt, pendingSince))))
        .orderBy(outboundEmails.createdAt)
        .limit(1000);
      return rows.map((row) => row.id);
    },

    async findByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db.select().from(outboundEmails).where(inArray(outboundEmails.id, ids));
    },

    /** Newest first, for the development mailbox. */
    async listRecent(limit: number) {
      return db
        .select({
          id: outboundEmails.id,
          to: outboundEmails.toAddress,
          subject: outboundEmails.subject,
          text: outboundEmails.textBody,
          createdAt: outboundEmails.createdAt,
        })
        .from(outboundEmails)
        .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
        .limit(limit);
    },
  };
}
export type MailRepository = ReturnType<typeof createMailRepository>;
