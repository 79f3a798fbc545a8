import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../accounts/accounts.table.ts';
import { type CaseNotificationRow, caseNotifications, staffNotifications } from './cases.table.ts';

/** A claim older than this belongs to a worker that died mid-delivery and is taken back. */
const CLAIM_LEASE = sql`interval '10 minutes'`;

export function createCaseNotificationsRepository({ db }: { db: Database }) {
  return {
    /**
     * Takes one pending notification for delivery inside the caller's transaction: of two workers
     * only one gets the row (SKIP LOCKED), and its hand-over commits with the status change.
     */
    async claim(id: string): Promise<CaseNotificationRow | undefined> {
      const [row] = await db
        .select()
        .from(caseNotifications)
        .where(
          and(
            eq(caseNotifications.id, id),
            sql`(${caseNotifications.status} = 'pending' OR (${caseNotifications.status} = 'sending' AND ${caseNotifications.claimedAt} < now() - ${CLAIM_LEASE}))`,
          ),
        )
        .for('update', { skipLocked: true });
      return row;
    },

    async markDone(id: string, status: 'sent' | 'kept', now: Date): Promise<void> {
      await db
        .update(caseNotifications)
        .set({ status, sentAt: now, attempts: sql`${caseNotifications.attempts} + 1` })
        .where(eq(caseNotifications.id, id));
    },

    async listPending(): Promise<string[]> {
      const rows = await db
        .select({ id: caseNotifications.id })
        .from(caseNotifications)
        .where(inArray(caseNotifications.status, ['pending', 'sending']))
        .limit(10_000);
      return rows.map((row) => row.id);
    },

    async insertStaffNotification(row: {
      userId: string;
      caseId: string;
      template: string;
      data: Record<string, unknown>;
    }): Promise<void> {
      await db.insert(staffNotifications).values(row);
    },

    /** A citizen's contact for case notifications (never for a deleted account). */
    async citizenContact(userId: string) {
      const [row] = await db
        .select({ email: users.email, phone: users.phone, language: users.language })
        .from(users)
        .where(and(eq(users.id, userId), sql`${users.deletedAt} IS NULL`));
      return row;
    },
  };
}
