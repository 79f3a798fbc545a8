import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import type { DeadlineMeasure } from './calendar.deadlines.ts';

/** States whose clock runs (DESIGN.md §4): the deadline jobs look at these cases only. */
const OPEN_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
  'answer_drafted',
  'answer_approved',
  'reopened',
];

export interface ClockRow {
  id: string;
  measure: DeadlineMeasure;
  startedAt: Date;
  dueAt: Date;
  allottedMs: number;
}

const toClockRow = (row: Record<string, unknown>): ClockRow => ({
  id: row.id as string,
  measure: row.deadline_measure as DeadlineMeasure,
  startedAt: new Date(row.clock_started_at as string),
  dueAt: new Date(row.due_at as string),
  allottedMs: Number(row.allotted_ms),
});

const openStates = sql.join(
  OPEN_STATES.map((state) => sql`${state}`),
  sql`, `,
);

/**
 * The deadline jobs' reads and writes on the cases tables. Every write is conditional (`... IS
 * NULL` or the previous value), so a job that runs twice, or on two nodes, acts once.
 */
export function createDeadlineJobsRepository({ db }: { db: Database }) {
  const event = (caseId: string, type: string, visibility: 'public' | 'internal', data: object) =>
    db.execute(sql`INSERT INTO case_events (case_id, type, visibility, actor_kind, data)
                   VALUES (${caseId}, ${type}, ${visibility}, 'system', ${JSON.stringify(data)}::jsonb)`);
  return {
    /** Serialises the scan across nodes for the rest of the transaction; false if another runs it. */
    async tryLockScan(): Promise<boolean> {
      const rows = await queryRows<{ locked: boolean }>(
        db,
        sql`SELECT pg_try_advisory_xact_lock(7301642005) AS locked`,
      );
      return Boolean(rows[0]?.locked);
    },

    /**
     * Running, unwarned clocks whose due instant is within `horizonMs` of the warning window
     * (a superset; the caller checks the exact warning instant on the calendar).
     */
    async findWarningCandidates(now: Date, limit: number): Promise<ClockRow[]> {
      const rows = await queryRows<Record<string, unknown>>(
        db,
        sql`SELECT id, deadline_measure, clock_started_at, due_at, allotted_ms FROM cases
             WHERE state IN (${openStates}) AND paused_at IS NULL AND warned_at IS NULL AND escalated_at IS NULL
               AND due_at IS NOT NULL AND allotted_ms IS NOT NULL AND deadline_measure IS NOT NULL
               AND due_at - ${now.toISOString()}::timestamptz
                   <= make_interval(secs => allotted_ms / 1000.0 * 0.25 * 24 / 6) + interval '14 days'
             ORDER BY due_at LIMIT ${limit}`,
      );
      return rows.map(toClockRow);
    },

    async markWarned(caseId: string, now: Date, dueAt: Date): Promise<boolean> {
      const rows = await queryRows(
        db,
        sql`UPDATE cases SET warned_at = ${now.toISOString()}::timestamptz
             WHERE id = ${caseId} AND warned_at IS NULL RETURNING id`,
      );
      if (rows.length === 0) return false;
      await event(caseId, 'DEADLINE_WARNED', 'internal', { dueAt: dueAt.toISOString() });
      return true;
    },

    async escalateOverdue(now: Date, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string; due_at: string }>(
        db,
        sql`UPDATE cases SET escalated_at = ${now.toISOString()}::timestamptz
             WHERE id IN (SELECT id FROM cases
                           WHERE state IN (${openStates}) AND paused_at IS NULL AND escalated_at IS NULL
                             AND due_at < ${now.toISOString()}::timestamptz
                           ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
               AND escalated_at IS NULL
         RETURNING id, due_at`,
      );
      for (const row of rows)
        await event(row.id, 'DEADLINE_ESCALATED', 'internal', { dueAt: new Date(row.due_at).toISOString() });
      return rows.map((row) => row.id);
    },

    /** Open cases filed (or last told) 30 days ago or more get a progress notice. */
    async sendProgressNotices(now: Date, everyDays: number, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`UPDATE cases SET progress_notified_at = ${now.toISOString()}::timestamptz
             WHERE id IN (SELECT id FROM cases
                           WHERE state IN (${openStates}, 'awaiting_citizen')
                             AND coalesce(progress_notified_at, created_at)
                                 <= ${now.toISOString()}::timestamptz - make_interval(days => ${everyDays})
                           ORDER BY coalesce(progress_notified_at, created_at) LIMIT ${limit} FOR UPDATE SKIP LOCKED)
               AND coalesce(progress_notified_at, created_at)
                   <= ${now.toISOString()}::timestamptz - make_interval(days => ${everyDays})
         RETURNING id`,
      );
      for (const row of rows) await event(row.id, 'PROGRESS_NOTICE_SENT', 'public', {});
      return rows.map((row) => row.id);
    },

    /** Answered cases without a follow-up for `afterDays` days are closed. */
    async closeAnswered(now: Date, afterDays: number, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`UPDATE cases SET state = 'closed', closed_at = ${now.toISOString()}::timestamptz,
                             updated_at = ${now.toISOString()}::timestamptz
             WHERE id IN (SELECT id FROM cases
                           WHERE state = 'answered'
                             AND answered_at <= ${now.toISOString()}::timestamptz - make_interval(days => ${afterDays})
                           ORDER BY answered_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
               AND state = 'answered'
         RETURNING id`,
      );
      for (const row of rows) await event(row.id, 'CASE_CLOSED', 'public', { automatic: true });
      return rows.map((row) => row.id);
    },
  };
}
