import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { users } from '../../accounts/accounts.table.ts';
import { type CaseNotificationRow, caseNotifications, cases, staffNotifications } from '../cases.table.ts';
import { caseIsWithinReach } from '../handling/case-handling.repository.ts';

/**
 * A claim is a lease (migration 0017), renewed by its worker while it delivers: one that has run
 * out belongs to a node that died mid-delivery, and the row may be taken again.
 */
const claimExpired = and(eq(caseNotifications.status, 'sending'), sql`${caseNotifications.claimedUntil} < now()`);
const leaseEnd = (leaseSeconds: number) => sql`now() + make_interval(secs => ${leaseSeconds})`;

/** A staff notification about no case, or about one within `reach`. */
const aboutVisibleCase = (reach: 'all' | ReadonlySet<string>): SQL | undefined =>
  reach === 'all'
    ? undefined
    : or(
        isNull(staffNotifications.caseId),
        sql`EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.id} = ${staffNotifications.caseId}
              AND ${caseIsWithinReach(reach, cases.id, cases.unitId)})`,
      );

export function createCaseNotificationsRepository({ db }: { db: Database }) {
  return {
    /**
     * Takes a job's pending notifications for delivery inside the caller's transaction: of two
     * workers only one gets a row (SKIP LOCKED), and its hand-over commits with the status change.
     */
    async claim(ids: readonly string[]): Promise<CaseNotificationRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(caseNotifications)
        .where(and(inArray(caseNotifications.id, [...ids]), or(eq(caseNotifications.status, 'pending'), claimExpired)))
        .for('update', { skipLocked: true });
    },

    async insertStaffNotifications(
      rows: ReadonlyArray<{
        userId: string;
        caseId: string;
        template: string;
        data: Record<string, unknown>;
        createdAt: Date;
      }>,
    ): Promise<void> {
      if (rows.length > 0) await db.insert(staffNotifications).values([...rows]);
    },

    /** Rows delivered or handed over (to the mail outbox, in-app), in the caller's transaction. */
    async markDone(
      ids: readonly string[],
      status: 'sent' | 'kept',
      now: Date,
      providerMessageId?: string,
    ): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(caseNotifications)
        .set({
          status,
          sentAt: now,
          attempts: sql`${caseNotifications.attempts} + 1`,
          lastError: null,
          claimedUntil: null,
          ...(providerMessageId ? { providerMessageId } : {}),
        })
        .where(inArray(caseNotifications.id, [...ids]));
    },

    /**
     * Marks a claimed row as being sent to an outside gateway for `leaseSeconds`, committed
     * before the call: a second worker skips it, and only a worker that died mid-call leaves it
     * to the lease's end.
     */
    async markSending(id: string, leaseSeconds: number): Promise<void> {
      await db
        .update(caseNotifications)
        .set({ status: 'sending', claimedAt: sql`now()`, claimedUntil: leaseEnd(leaseSeconds) })
        .where(eq(caseNotifications.id, id));
    },

    /** Pushes the lease of rows still being sent another `leaseSeconds` on (see whileRenewingClaims). */
    async renewClaims(ids: readonly string[], leaseSeconds: number): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(caseNotifications)
        .set({ claimedUntil: leaseEnd(leaseSeconds) })
        .where(and(inArray(caseNotifications.id, [...ids]), eq(caseNotifications.status, 'sending')));
    },

    /**
     * A claimed row ePeople will not send (docs/notifications.md, e.g. an SMS to a number outside
     * SMS_ALLOWED_COUNTRY_CODES): `suppressed` for good, with the rule's name, never retried.
     */
    async markSuppressed(id: string, reason: string): Promise<void> {
      await db
        .update(caseNotifications)
        .set({ status: 'suppressed', claimedAt: null, claimedUntil: null, lastError: reason.slice(0, 200) })
        .where(and(eq(caseNotifications.id, id), inArray(caseNotifications.status, ['pending', 'sending'])));
    },

    /**
     * A delivery failed (the gateway refused, or the message could not be rendered; the reason is
     * kept, never the content): back to pending for a retry, or `failed` for good once
     * `maxAttempts` are spent. Undefined when the row was delivered meanwhile by another worker.
     */
    async markFailedAttempt(
      id: string,
      reason: string,
      maxAttempts: number,
    ): Promise<{ attempts: number; gaveUp: boolean } | undefined> {
      const [row] = await db
        .update(caseNotifications)
        .set({
          status: sql`CASE WHEN ${caseNotifications.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
          claimedAt: null,
          claimedUntil: null,
          lastError: reason.slice(0, 200),
          attempts: sql`${caseNotifications.attempts} + 1`,
        })
        .where(and(eq(caseNotifications.id, id), inArray(caseNotifications.status, ['pending', 'sending'])))
        .returning({ attempts: caseNotifications.attempts, status: caseNotifications.status });
      return row && { attempts: row.attempts, gaveUp: row.status === 'failed' };
    },

    /**
     * Rows waiting for a job, oldest first: pending (written before `writtenBefore` when given),
     * and those whose claim's lease ran out (their node died mid-delivery). A row being sent
     * under a live lease is not listed.
     */
    async listPending(writtenBefore?: Date): Promise<string[]> {
      const rows = await db
        .select({ id: caseNotifications.id })
        .from(caseNotifications)
        .where(
          or(
            claimExpired,
            and(
              eq(caseNotifications.status, 'pending'),
              writtenBefore ? lt(caseNotifications.createdAt, writtenBefore) : undefined,
            ),
          ),
        )
        .orderBy(caseNotifications.createdAt)
        .limit(10_000);
      return rows.map((row) => row.id);
    },

    /**
     * A staff member's in-app notifications, newest first: only those of cases they may still see
     * (`reach` as caseIsWithinReach takes it), so a member whose roles were revoked, or whose
     * case moved to another unit, no longer reads its reference and title here.
     */
    async listStaffNotifications(
      userId: string,
      { limit, unreadOnly, reach }: { limit: number; unreadOnly: boolean; reach: 'all' | ReadonlySet<string> },
    ) {
      return db
        .select()
        .from(staffNotifications)
        .where(
          and(
            eq(staffNotifications.userId, userId),
            unreadOnly ? isNull(staffNotifications.readAt) : undefined,
            aboutVisibleCase(reach),
          ),
        )
        .orderBy(desc(staffNotifications.createdAt), desc(staffNotifications.id))
        .limit(limit);
    },

    async countUnreadStaffNotifications(userId: string, reach: 'all' | ReadonlySet<string>): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(staffNotifications)
        .where(and(eq(staffNotifications.userId, userId), isNull(staffNotifications.readAt), aboutVisibleCase(reach)));
      return Number(row?.count ?? 0);
    },

    /** Marks the user's own notifications read (all unread ones when `ids` is 'all'); answers how many. */
    async markStaffNotificationsRead(userId: string, ids: readonly string[] | 'all', now: Date): Promise<number> {
      const rows = await db
        .update(staffNotifications)
        .set({ readAt: now })
        .where(
          and(
            eq(staffNotifications.userId, userId),
            isNull(staffNotifications.readAt),
            ids === 'all' ? undefined : inArray(staffNotifications.id, [...ids]),
          ),
        )
        .returning({ id: staffNotifications.id });
      return rows.length;
    },

    /** A citizen's contact for case notifications (never for a deleted account). */
    async citizenContact(userId: string) {
      const [row] = await db
        .select({
          email: users.email,
          phone: users.phone,
          language: users.language,
          notifyEmail: users.notifyEmail,
          notifySms: users.notifySms,
        })
        .from(users)
        .where(and(eq(users.id, userId), sql`${users.deletedAt} IS NULL`));
      return row;
    },
  };
}
