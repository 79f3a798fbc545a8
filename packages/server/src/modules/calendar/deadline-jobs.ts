import type { AppContext } from '../../app-context.ts';
import { createAuditRepository } from '../audit/index.ts';
import { warningInstant } from './calendar.deadlines.ts';
import { loadWorkingCalendar } from './calendar.loader.ts';
import { createDeadlineJobsRepository } from './deadline-jobs.repository.ts';

/** How often a node looks for due deadline work; each run handles at most BATCH cases per kind. */
export const DEADLINE_SCAN_INTERVAL_MS = 60_000;
const BATCH = 200;
/** A progress notice every 30 days on long cases; answered cases close after 30 quiet days. */
export const PROGRESS_NOTICE_EVERY_DAYS = 30;
export const AUTO_CLOSE_AFTER_DAYS = 30;

export interface DeadlineRunResult {
  warned: string[];
  escalated: string[];
  progressNotices: string[];
  closed: string[];
  /** False when another node held the scan lock: this run did nothing. */
  ran: boolean;
}

/**
 * One scan: warn assignees at 75% of the time, escalate overdue cases, send progress notices,
 * close answered cases without follow-up. Runs in one transaction under an advisory lock, so
 * only one node scans at a time; every write is conditional, so a repeated run changes nothing.
 * Each change leaves a case event (DEADLINE_WARNED, DEADLINE_ESCALATED, PROGRESS_NOTICE_SENT,
 * CASE_CLOSED) that the notifications fan out, and an audit record.
 */
export async function runDeadlineJobs(
  ctx: Pick<AppContext, 'database' | 'config' | 'now'>,
): Promise<DeadlineRunResult> {
  const db = ctx.database.db;
  const now = ctx.now();
  const calendar = await loadWorkingCalendar({ db, config: ctx.config });
  return db.transaction(async (tx) => {
    const jobs = createDeadlineJobsRepository({ db: tx });
    if (!(await jobs.tryLockScan())) return { warned: [], escalated: [], progressNotices: [], closed: [], ran: false };
    const warned: string[] = [];
    for (const clock of await jobs.findWarningCandidates(now, BATCH)) {
      const warnAt = warningInstant({ calendar, clock: { ...clock, pausedAt: null, remainingMs: null } });
      if (warnAt && warnAt <= now && clock.dueAt > now && (await jobs.markWarned(clock.id, now, clock.dueAt))) {
        warned.push(clock.id);
      }
    }
    const escalated = await jobs.escalateOverdue(now, BATCH);
    const progressNotices = await jobs.sendProgressNotices(now, PROGRESS_NOTICE_EVERY_DAYS, BATCH);
    const closed = await jobs.closeAnswered(now, AUTO_CLOSE_AFTER_DAYS, BATCH);
    const audit = createAuditRepository({ db: tx });
    const record = async (action: string, ids: string[]) => {
      for (const id of ids) {
        await audit.record({ actorId: null, actorKind: 'system', action, subjectType: 'case', subjectId: id });
      }
    };
    await record('cases.deadline_warned', warned);
    await record('cases.deadline_escalated', escalated);
    await record('cases.progress_notice_sent', progressNotices);
    await record('cases.closed_automatically', closed);
    return { warned, escalated, progressNotices, closed, ran: true };
  });
}

/** Start-up hook: scans on a timer; answers the stop function for shutdown. */
export async function startDeadlineJobs(ctx: AppContext): Promise<() => Promise<void>> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = runDeadlineJobs(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'deadline scan failed'));
  }, DEADLINE_SCAN_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
