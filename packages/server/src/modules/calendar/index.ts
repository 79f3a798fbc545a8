/**
 * What other modules may use from calendar: the deadline clock of a case (start, pause, resume,
 * restart, extend; calendar.deadlines.ts) on the working calendar and deadline settings, cached
 * per process. The deadline work that acts on cases (warnings, escalations, ...) lives in the
 * cases module: this module only does the time arithmetic.
 */

export {
  calendarOf,
  clockOf,
  clockPatch,
  extendedCaseClock,
  pauseClock,
  pausedCaseClock,
  restartedCaseClock,
  resumedCaseClock,
  startedCaseClock,
  warningInstant,
} from './calendar.deadlines.ts';
export { loadDeadlineSettings, loadWorkingCalendar } from './calendar.loader.ts';
export { calendarRoutes } from './calendar.routes.ts';
export { seedHolidaysAtStart } from './calendar.startup.ts';
