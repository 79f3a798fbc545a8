import type { AppContext } from '../../app-context.ts';
import {
  type DeadlineClock,
  loadDeadlineSettings,
  loadWorkingCalendar,
  restartCaseClock,
  resumeClock,
  type WorkingCalendar,
} from '../calendar/index.ts';
import type { CasePatch } from './cases.repository.ts';
import type { CaseRow } from './cases.table.ts';

/** A case's deadline clock as the calendar module reads it (null for a case without one). */
export function clockOf(theCase: CaseRow): DeadlineClock | null {
  if (!theCase.deadlineMeasure || !theCase.dueAt || theCase.allottedMs === null) return null;
  return {
    measure: theCase.deadlineMeasure,
    startedAt: theCase.clockStartedAt,
    dueAt: theCase.dueAt,
    allottedMs: theCase.allottedMs,
    pausedAt: theCase.pausedAt,
    remainingMs: theCase.remainingMs,
  };
}

/** The clock written back to the case, one column per field. */
export function clockPatch(clock: DeadlineClock): CasePatch {
  return {
    deadlineMeasure: clock.measure,
    clockStartedAt: clock.startedAt,
    dueAt: clock.dueAt,
    allottedMs: clock.allottedMs,
    pausedAt: clock.pausedAt,
    remainingMs: clock.remainingMs,
  };
}

/** The working calendar (cached per process by the calendar module). */
export const calendarOf = (ctx: AppContext): Promise<WorkingCalendar> =>
  loadWorkingCalendar({ db: ctx.database.db, config: ctx.config });

/** The citizen replied: the paused clock runs again with the time that was left. */
export async function resumedClockPatch(ctx: AppContext, theCase: CaseRow, at: Date): Promise<CasePatch> {
  const clock = clockOf(theCase);
  if (!clock?.pausedAt) return {};
  return clockPatch(resumeClock({ calendar: await calendarOf(ctx), clock, at }));
}

/** A new count under the unit's rule: a transfer's receiving unit, or a follow-up's new round. */
export async function restartedClockPatch(
  ctx: AppContext,
  theCase: CaseRow,
  unitId: string,
  at: Date,
): Promise<CasePatch> {
  const [calendar, settings] = await Promise.all([calendarOf(ctx), loadDeadlineSettings({ db: ctx.database.db })]);
  return clockPatch(restartCaseClock({ calendar, settings, requestType: theCase.type, unitId, at }));
}
