import type { CaseState, RequestType } from '@epeople/contracts';
import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { users } from '../../accounts/accounts.table.ts';
import { roleAssignments } from '../../staff/role-assignments.table.ts';
import { units } from '../../units/units.table.ts';
import type { CasePatch } from '../cases.repository.ts';
import { type CaseDraftRow, type CaseRow, caseContributors, caseDrafts, cases } from '../cases.table.ts';

/** Who may hold the lock now: nobody, me, or an expired holder. */
const lockIsFreeFor = (userId: string, now: Date): SQL =>
  or(isNull(cases.lockHolderId), eq(cases.lockHolderId, userId), lte(cases.lockExpiresAt, now)) as SQL;

export interface InboxFilter {
  /** 'all' for the central office; else the units the actor's handler roles reach. */
  reach: 'all' | ReadonlySet<string>;
  unitId?: string | undefined;
  type?: RequestType | undefined;
  state?: CaseState | undefined;
  /** States shown when no state is asked for (open cases). */
  defaultExcludedStates: readonly CaseState[];
  categoryId?: string | undefined;
  governorate?: string | undefined;
  assignee?: string | undefined;
  deadline?: 'overdue' | 'due_soon' | 'paused' | undefined;
  dueBefore?: Date | undefined;
  now: Date;
  dueSoonUntil: Date;
  sort: 'due_at' | 'created_at';
  limit: number;
  after?: { at: Date | null; id: string } | undefined;
}

/**
 * The cases a staff member may see, as a condition on a case's id and unit columns
 * (docs/access-control.md): with reach `all` (central office) every case; else those of a unit
 * their officer or supervisor roles reach, or that such a unit contributes to. Being the assignee
 * adds nothing: it gives access only through a role in the case's unit. An empty reach sees none.
 */
export function caseIsWithinReach(reach: 'all' | ReadonlySet<string>, caseId: AnyColumn, unitId: AnyColumn): SQL {
  if (reach === 'all') return sql`true`;
  if (reach.size === 0) return sql`false`;
  const units = sql.join(
    [...reach].map((id) => sql`${id}`),
    sql`, `,
  );
  return sql`(${unitId} IN (${units}) OR EXISTS (SELECT 1 FROM case_contributors cc WHERE cc.case_id = ${caseId}
    AND cc.status <> 'withdrawn' AND cc.unit_id IN (${units})))`;
}

/**
 * The back office's queries on cases: the lock (taken and renewed only by conditional updates,
 * so two handlers can never both hold it), drafts, contributors, eligible staff and the inbox.
 */
export function createCaseHandlingRepository({ db }: { db: Database }) {
  return {
    /** Takes or renews the lock; false when someone else holds an unexpired one. */
    async takeLock(caseId: string, userId: string, now: Date, until: Date): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ lockHolderId: userId, lockExpiresAt: until })
        .where(and(eq(cases.id, caseId), lockIsFreeFor(userId, now)))
        .returning();
      return row;
    },

    async releaseLock(caseId: string, userId: string): Promise<void> {
      await db
        .update(cases)
        .set({ lockHolderId: null, lockExpiresAt: null })
        .where(and(eq(cases.id, caseId), eq(cases.lockHolderId, userId)));
    },

    /** Every lock the member holds, let go at once (their roles changed: docs/access-control.md). */
    async releaseLocksOf(userId: string): Promise<void> {
      await db.update(cases).set({ lockHolderId: null, lockExpiresAt: null }).where(eq(cases.lockHolderId, userId));
    },

    /**
     * A transition's write: applied only while the lock is free or the actor's, so a handler who
     * lost the race (another took the lock in between) changes nothing. Undefined then.
     */
    async updateIfLockAllows(
      caseId: string,
      userId: string,
      patch: CasePatch,
      now: Date,
    ): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(cases.id, caseId), lockIsFreeFor(userId, now)))
        .returning();
      return row;
    },

    async displayName(userId: string): Promise<string | undefined> {
      const [row] = await db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId));
      return row?.fullName;
    },

    /** A citizen account's contact, shown to handlers of the case. */
    async citizenContact(userId: string) {
      const [row] = await db
        .select({ fullName: users.fullName, email: users.email, phone: users.phone })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.deletedAt)));
      return row;
    },

    /** An active, live staff member's role assignments (empty when not such a member). */
    async activeStaffRoles(userId: string) {
      return db
        .select({ role: roleAssignments.role, unitId: roleAssignments.unitId, scope: roleAssignments.scope })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            eq(roleAssignments.userId, userId),
            eq(users.kind, 'staff'),
            eq(users.isActive, true),
            isNull(users.deletedAt),
          ),
        );
    },

    /** Active staff holding `role` over a unit (its path, nearest first): who to tell in-app. */
    async staffReaching(role: 'supervisor' | 'officer', unitPath: readonly string[]): Promise<string[]> {
      if (unitPath.length === 0) return [];
      const rows = await db
        .selectDistinct({ userId: roleAssignments.userId })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            eq(roleAssignments.role, role),
            eq(users.isActive, true),
            isNull(users.deletedAt),
            or(
              and(eq(roleAssignments.scope, 'unit'), eq(roleAssignments.unitId, unitPath[0] as string)),
              and(eq(roleAssignments.scope, 'subtree'), inArray(roleAssignments.unitId, [...unitPath])),
            ),
          ),
        );
      return rows.map((row) => row.userId);
    },

    /** Active staff holding an officer or supervisor role over the unit: who a case may be assigned to. */
    async assignableStaff(unitPath: readonly string[]): Promise<Array<{ id: string; name: string }>> {
      if (unitPath.length === 0) return [];
      return db
        .selectDistinct({ id: users.id, name: users.fullName })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(
          and(
            inArray(roleAssignments.role, ['officer', 'supervisor']),
            eq(users.kind, 'staff'),
            eq(users.isActive, true),
            isNull(users.deletedAt),
            // The reach of units.reaches(), as assignCase checks it.
            or(
              eq(roleAssignments.scope, 'all'),
              and(eq(roleAssignments.scope, 'unit'), eq(roleAssignments.unitId, unitPath[0] as string)),
              and(eq(roleAssignments.scope, 'subtree'), inArray(roleAssignments.unitId, [...unitPath])),
            ),
          ),
        )
        .orderBy(asc(users.fullName), asc(users.id));
    },

    async findUnit(unitId: string) {
      const [row] = await db
        .select({ id: units.id, code: units.code, isActive: units.isActive })
        .from(units)
        .where(eq(units.id, unitId));
      return row;
    },

    /** The units contributing to a case (withdrawn ones excluded). */
    async contributorUnitIds(caseId: string): Promise<string[]> {
      const rows = await db
        .select({ unitId: caseContributors.unitId })
        .from(caseContributors)
        .where(and(eq(caseContributors.caseId, caseId), ne(caseContributors.status, 'withdrawn')));
      return rows.map((row) => row.unitId);
    },

    /** False when the unit already contributes. */
    async insertContributor(caseId: string, unitId: string, addedBy: string): Promise<boolean> {
      const rows = await db
        .insert(caseContributors)
        .values({ caseId, unitId, addedBy })
        .onConflictDoNothing()
        .returning({ id: caseContributors.id });
      return rows.length > 0;
    },

    async recordContribution(caseId: string, unitId: string, contribution: string, now: Date): Promise<void> {
      await db
        .update(caseContributors)
        .set({ contribution, status: 'contributed', updatedAt: now })
        .where(and(eq(caseContributors.caseId, caseId), eq(caseContributors.unitId, unitId)));
    },

    async latestDraft(
      caseId: string,
      statuses: ReadonlyArray<CaseDraftRow['status']>,
    ): Promise<CaseDraftRow | undefined> {
      const [row] = await db
        .select()
        .from(caseDrafts)
        .where(and(eq(caseDrafts.caseId, caseId), inArray(caseDrafts.status, [...statuses])))
        .orderBy(desc(caseDrafts.createdAt), desc(caseDrafts.id))
        .limit(1);
      return row;
    },

    async insertDraft(row: {
      caseId: string;
      outcome: CaseDraftRow['outcome'];
      body: string;
      status: 'draft' | 'submitted';
      authorId: string;
    }): Promise<CaseDraftRow> {
      const [inserted] = await db.insert(caseDrafts).values(row).returning();
      if (!inserted) throw new Error('draft insert answered no row');
      return inserted;
    },

    async updateDraft(
      id: string,
      patch: Partial<
        Pick<CaseDraftRow, 'outcome' | 'body' | 'status' | 'authorId' | 'reviewerId' | 'reviewComment' | 'reviewedAt'>
      >,
      now: Date,
    ): Promise<void> {
      await db
        .update(caseDrafts)
        .set({ ...patch, updatedAt: now })
        .where(eq(caseDrafts.id, id));
    },

    /** The inbox page: cases within reach (or contributed to), filtered and sorted. */
    async listInbox(filter: InboxFilter): Promise<CaseRow[]> {
      const conditions: Array<SQL | undefined> = [caseIsWithinReach(filter.reach, cases.id, cases.unitId)];
      if (filter.unitId) conditions.push(eq(cases.unitId, filter.unitId));
      if (filter.type) conditions.push(eq(cases.type, filter.type));
      if (filter.state) conditions.push(eq(cases.state, filter.state));
      else if (filter.defaultExcludedStates.length > 0)
        conditions.push(notInArray(cases.state, [...filter.defaultExcludedStates]));
      if (filter.categoryId) conditions.push(eq(cases.categoryId, filter.categoryId));
      if (filter.governorate) conditions.push(eq(cases.governorate, filter.governorate));
      if (filter.assignee === 'none') conditions.push(isNull(cases.assigneeId));
      else if (filter.assignee) conditions.push(eq(cases.assigneeId, filter.assignee));
      if (filter.deadline === 'overdue') conditions.push(and(isNull(cases.pausedAt), lt(cases.dueAt, filter.now)));
      if (filter.deadline === 'due_soon')
        conditions.push(
          and(isNull(cases.pausedAt), sql`${cases.dueAt} >= ${filter.now}`, lt(cases.dueAt, filter.dueSoonUntil)),
        );
      if (filter.deadline === 'paused') conditions.push(isNotNull(cases.pausedAt));
      if (filter.dueBefore) conditions.push(and(isNull(cases.pausedAt), lt(cases.dueAt, filter.dueBefore)));

      const after = filter.after;
      if (filter.sort === 'due_at') {
        // Soonest deadline first, cases without one last; the cursor is the last row's (due_at, id).
        if (after?.at)
          conditions.push(
            or(gt(cases.dueAt, after.at), and(eq(cases.dueAt, after.at), gt(cases.id, after.id)), isNull(cases.dueAt)),
          );
        else if (after) conditions.push(and(isNull(cases.dueAt), gt(cases.id, after.id)));
        return db
          .select()
          .from(cases)
          .where(and(...conditions))
          .orderBy(sql`${cases.dueAt} ASC NULLS LAST`, asc(cases.id))
          .limit(filter.limit);
      }
      // created_at has microseconds, a cursor milliseconds: compare both at millisecond precision.
      const createdMs = sql`date_trunc('milliseconds', ${cases.createdAt})`;
      if (after?.at)
        conditions.push(
          or(sql`${createdMs} < ${after.at}`, and(sql`${createdMs} = ${after.at}`, lt(cases.id, after.id))),
        );
      return db
        .select()
        .from(cases)
        .where(and(...conditions))
        .orderBy(sql`${createdMs} DESC`, desc(cases.id))
        .limit(filter.limit);
    },
  };
}
export type CaseHandlingRepository = ReturnType<typeof createCaseHandlingRepository>;
