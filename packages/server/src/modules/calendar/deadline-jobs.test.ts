import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { startClock } from './calendar.deadlines.ts';
import { loadWorkingCalendar } from './calendar.loader.ts';
import { subtractWorkingTime } from './calendar.working-time.ts';
import { runDeadlineJobs } from './deadline-jobs.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('deadline jobs', () => {
  let test: TestContext;
  let unitId: string;
  beforeAll(async () => {
    test = await createTestContext();
    unitId = await unitIdOf(test.ctx.database.db, 'central-office');
  });
  afterAll(async () => test.close());

  /** A case row as filing would leave it, with its clock started at `filedAt` (7 working days). */
  async function insertCase(filedAt: Date, extra: { state?: string; answeredAt?: Date } = {}): Promise<string> {
    const db = test.ctx.database.db;
    const clock = startClock({
      calendar: await loadWorkingCalendar({ db }),
      rule: { days: 7, dayKind: 'working' },
      from: filedAt,
    });
    const id = randomUUID();
    await db.execute(sql`INSERT INTO cases (id, reference, type, state, title, description, language, unit_id,
                           submitter_key, deadline_measure, clock_started_at, due_at, allotted_ms, answered_at, created_at)
      VALUES (${id}, ${`GUI-TEST-${id.slice(0, 8)}`}, 'guidance', ${extra.state ?? 'in_progress'}, 'A question',
              'About a procedure', 'fr', ${unitId}, ${`test:${id}`}, ${clock.measure},
              ${clock.startedAt.toISOString()}, ${clock.dueAt.toISOString()}, ${clock.allottedMs},
              ${extra.answeredAt?.toISOString() ?? null}, ${filedAt.toISOString()})`);
    return id;
  }

  const eventsOf = async (caseId: string) =>
    (
      await queryRows<{ type: string }>(
        test.ctx.database.db,
        sql`SELECT type FROM case_events WHERE case_id = ${caseId} ORDER BY created_at`,
      )
    ).map((row) => row.type);

  it('warns at 75%, escalates past the deadline, notices long cases and closes quiet answers, each once', async () => {
    const now = test.ctx.now().getTime();
    const fresh = await insertCase(new Date(now - 60_000));
    // 90% of seven working days' office time used: a quarter (or less) is left, none overdue.
    const calendar = await loadWorkingCalendar({ db: test.ctx.database.db });
    const nearlyDue = await insertCase(new Date(subtractWorkingTime(calendar, now, 0.9 * 63 * HOUR)));
    const overdue = await insertCase(new Date(now - 20 * DAY));
    const long = await insertCase(new Date(now - 31 * DAY));
    const answered = await insertCase(new Date(now - 45 * DAY), {
      state: 'answered',
      answeredAt: new Date(now - 31 * DAY),
    });
    const answeredRecently = await insertCase(new Date(now - 45 * DAY), {
      state: 'answered',
      answeredAt: new Date(now - 5 * DAY),
    });

    const first = await runDeadlineJobs(test.ctx);
    expect(first.ran).toBe(true);
    expect(first.escalated).toEqual(expect.arrayContaining([overdue, long]));
    expect(first.escalated).not.toContain(fresh);
    expect(first.progressNotices).toContain(long);
    expect(first.progressNotices).not.toContain(nearlyDue);
    expect(first.closed).toEqual([answered]);
    expect(first.closed).not.toContain(answeredRecently);
    expect(first.warned).not.toContain(fresh);
    expect(first.warned).toEqual([nearlyDue]);

    const second = await runDeadlineJobs(test.ctx);
    expect(second).toEqual({ warned: [], escalated: [], progressNotices: [], closed: [], ran: true });
    expect(await eventsOf(overdue)).toEqual(['DEADLINE_ESCALATED']);
    expect(await eventsOf(nearlyDue)).toEqual(['DEADLINE_WARNED']);
    expect(await eventsOf(answered)).toEqual(['CASE_CLOSED']);
    const [state] = await queryRows<{ state: string }>(
      test.ctx.database.db,
      sql`SELECT state FROM cases WHERE id = ${answered}`,
    );
    expect(state?.state).toBe('closed');
  });

  it('two nodes scanning at once do the work once', async () => {
    const now = test.ctx.now().getTime();
    const overdue = await insertCase(new Date(now - 25 * DAY));
    const results = await Promise.all([runDeadlineJobs(test.ctx), runDeadlineJobs(test.ctx)]);
    expect(results.flatMap((result) => result.escalated).filter((id) => id === overdue)).toHaveLength(1);
    expect(await eventsOf(overdue)).toEqual(['DEADLINE_ESCALATED']);
  });
});
