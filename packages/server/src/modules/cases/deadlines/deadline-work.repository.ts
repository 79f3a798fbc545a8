import type { CaseState } from '@epeople/contracts';
import { and, asc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { users } from '../../accounts/accounts.table.ts';
import { roleAssignments } from '../../staff/role-assignments.table.ts';
import { CLOCK_RUNNING_STATES } from '../cases.state-machine.ts';
import { type CaseRow, cases } from '../cases.table.ts';

/**
 * Warnings and escalations look at the cases whose clock runs (cases.state-machine.ts, docs/PRODUCT.md §5);
 * long cases still open, the citizen's turn included, get progress notices.
 */
const PROGRESS_STATES: readonly CaseState[] = [...CLOCK_RUNNING_STATES, 'awaiting_citizen'];

const days = (count: number): SQL => sql`make_interval(days => ${count})`;
const at = (instant: Date): SQL => sql`${instant.toISOString()}::timestamptz`;

const runningClock = and(inArray(cases.state, [...CLOCK_RUNNING_STATES]), isNull(cases.pausedAt)) as SQL;
const dueForWarning = and(runningClock, isNull(cases.warnedAt), isNull(cases.escalatedAt), isNotNull(cases.dueAt));
const overdueAt = (now: Date) => and(runningClock, isNull(cases.escalatedAt), lt(cases.dueAt, now));
/**
 * A notice not yet acknowledged (acknowledging it is leaving 'submitted': every transition out
 * of it does) past its acknowledgement deadline; only notices have one.
 */
const acknowledgementOverdueAt = (now: Date) =>
  and(eq(cases.state, 'submitted'), isNull(cases.acknowledgeEscalatedAt), lt(cases.acknowledgeDueAt, now));
const progressDueAt = (now: Date, everyDays: number) =>
  and(
    inArray(cases.state, [...PROGRESS_STATES]),
    sql`coalesce(${cases.progressNotifiedAt}, ${cases.createdAt}) <= ${at(now)} - ${days(everyDays)}`,
  );

/**
 * The deadline work's reads of due cases and its marks. Finding is a plain read (any node may
 * find the same case); marking is a conditional UPDATE that re-checks the condition, so of two
 * scans (or two nodes) exactly one marks a case, and only that one writes events and messages.
 */
export function createDeadlineWorkRepository({ db }: { db: Database }) {
  return {
    /**
     * Unwarned running clocks due within a horizon wider than any warning window (a quarter of
     * the allotted time, stretched from office hours to wall-clock time, plus two weeks of
     * holidays); the caller checks the exact 75% instant on the working calendar.
     */
    async findWarningCandidates(now: Date, limit: number): Promise<CaseRow[]> {
      return db
        .select()
        .from(cases)
        .where(
          and(
            dueForWarning,
            isNotNull(cases.allottedMs),
            isNotNull(cases.deadlineMeasure),
            sql`${cases.dueAt} - ${at(now)} <= make_interval(secs => ${cases.allottedMs} / 1000.0 * 0.25 * 24 / 6) + interval '14 days'`,
          ),
        )
        .orderBy(asc(cases.dueAt))
        .limit(limit);
    },

    async findOverdue(now: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: cases.id })
        .from(cases)
        .where(overdueAt(now))
        .orderBy(asc(cases.dueAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async findAcknowledgementOverdue(now: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: cases.id })
        .from(cases)
        .where(acknowledgementOverdueAt(now))
        .orderBy(asc(cases.acknowledgeDueAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async findProgressDue(now: Date, everyDays: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: cases.id })
        .from(cases)
        .where(progressDueAt(now, everyDays))
        .orderBy(sql`coalesce(${cases.progressNotifiedAt}, ${cases.createdAt})`)
        .limit(limit);
      return rows.map((row) => row.id);
    },

    async findAnsweredToClose(now: Date, afterDays: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.state, 'answered'), sql`${cases.answeredAt} <= ${at(now)} - ${days(afterDays)}`))
        .orderBy(asc(cases.answeredAt))
        .limit(limit);
      return rows.map((row) => row.id);
    },

    /** Only while the clock is the one the caller checked (a transfer or extension moves `due_at`). */
    async markWarned(caseId: string, now: Date, checkedDueAt: Date): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ warnedAt: now })
        .where(and(eq(cases.id, caseId), dueForWarning, eq(cases.dueAt, checkedDueAt)))
        .returning();
      return row;
    },

    async markEscalated(caseId: string, now: Date): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ escalatedAt: now })
        .where(and(eq(cases.id, caseId), overdueAt(now)))
        .returning();
      return row;
    },

    async markAcknowledgementEscalated(caseId: string, now: Date): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ acknowledgeEscalatedAt: now })
        .where(and(eq(cases.id, caseId), acknowledgementOverdueAt(now)))
        .returning();
      return row;
    },

    async markProgressNotified(caseId: string, now: Date, everyDays: number): Promise<CaseRow | undefined> {
      const [row] = await db
        .update(cases)
        .set({ progressNotifiedAt: now })
        .where(and(eq(cases.id, caseId), progressDueAt(now, everyDays)))
        .returning();
      return row;
    },

    /** Active staff of the central office (the `central_office` role), told of every escalation. */
    async centralOfficeStaff(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ userId: roleAssignments.userId })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(and(eq(roleAssignments.role, 'central_office'), eq(users.isActive, true), isNull(users.deletedAt)));
      return rows.map((row) => row.userId);
    },
  };
}
