import { extendDeadline, pauseClock, type WorkingCalendar } from '../calendar/index.ts';
import { clockOf, clockPatch } from './cases.clock.ts';
import type { CasePatch } from './cases.repository.ts';
import type { CaseRow } from './cases.table.ts';

/**
 * The back office's moves of a case's deadline clock (the citizen's reply resumes it in
 * cases.clock.ts; a transfer restarts it with restartCaseClock). A case without a deadline
 * changes nothing.
 */

/** The case waits for the citizen: the clock stops, keeping the time that was left. */
export function pausedClockPatch(calendar: WorkingCalendar, row: CaseRow, at: Date): CasePatch {
  const clock = clockOf(row);
  return clock ? clockPatch(pauseClock({ calendar, clock, at })) : {};
}

/** An extension by `days` in the clock's own measure (also while paused). */
export function extendedClockPatch(calendar: WorkingCalendar, row: CaseRow, days: number): CasePatch {
  const clock = clockOf(row);
  return clock ? clockPatch(extendDeadline({ calendar, clock, days })) : {};
}
