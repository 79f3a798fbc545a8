import { randomUUID } from 'node:crypto';
import type { Language } from '@epeople/contracts';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
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

/** A claim older than this is taken to belong to a worker that died mid-send. */
const CLAIM_LEASE = sql`interval '10 minutes'`;

const claimable = or(
  eq(outboundEmails.status, 'pending'),
  and(eq(outboundEmails.status, 'sending'), sql`${outboundEmails.claimedAt} < now() - ${CLAIM_LEASE}`),
);

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
     * Takes messages for sending, atomically: of two workers holding jobs for the same message
     * only one gets its row back, so it is never sent twice. Answers those this worker took.
     */
    async claim(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .update(outboundEmails)
        .set({ status: 'sending', claimedAt: sql`now()` })
        .where(and(inArray(outboundEmails.id, [...ids]), claimable))
        .returning();
    },

    /** Keeps `last_error` of earlier tries: it tells why the message was late. */
    async markDelivered(ids: readonly string[], status: 'sent' | 'kept', at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(outboundEmails)
        .set({ status, sentAt: at, attempts: sql`${outboundEmails.attempts} + 1` })
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
        })
        .where(eq(outboundEmails.id, id))
        .returning({ attempts: outboundEmails.attempts, status: outboundEmails.status });
      return { attempts: row?.attempts ?? 0, gaveUp: row?.status === 'failed' };
    },

    /** Messages waiting for a worker: never tried (`neverTried`) or any still claimable. */
    async listUndelivered({ neverTried }: { neverTried: boolean }): Promise<string[]> {
      const rows = await db
        .select({ id: outboundEmails.id })
        .from(outboundEmails)
        .where(neverTried ? and(eq(outboundEmails.status, 'pending'), eq(outboundEmails.attempts, 0)) : claimable)
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
