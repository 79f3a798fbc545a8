import type { Database } from '../../db/client.ts';
import {
  type CalendarConfig,
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

/**
 * The working calendar (cached per process by the calendar module). Pass the handle the caller
 * works with: inside a case change, its transaction (db/transaction-scope.ts).
 */
export const calendarOf = (db: Database, config: CalendarConfig): Promise<WorkingCalendar> =>
  loadWorkingCalendar({ db, config });

/** The citizen replied: the paused clock runs again with the time that was left. */
export async function resumedClockPatch(
  { db, config }: { db: Database; config: CalendarConfig },
  theCase: CaseRow,
  at: Date,
): Promise<CasePatch> {
  const clock = clockOf(theCase);
  if (!clock?.pausedAt) return {};
  return clockPatch(resumeClock({ calendar: await calendarOf(db, config), clock, at }));
}

/** A new count under the unit's rule: a transfer's receiving unit, or a follow-up's new round. */
export async function restartedClockPatch(
  { db, config }: { db: Database; config: CalendarConfig },
  theCase: CaseRow,
  unitId: string,
  at: Date,
): Promise<CasePatch> {
  const [calendar, settings] = await Promise.all([calendarOf(db, config), loadDeadlineSettings({ db })]);
  return clockPatch(restartCaseClock({ calendar, settings, requestType: theCase.type, unitId, at }));
}
