/**
 * The working calendar and deadlines, for the cases module: the deadline clock of a case (start,
 * pause, resume, restart, extend) is calendar.deadlines.ts, on the calendar and deadline settings
 * cached per process. The
 * deadline work that acts on cases (warnings, escalations, ...) lives in the cases module
 * (usecases/deadline-work.ts): this module only does the time arithmetic.
 */

export {
  type CaseClockArgs,
  type ClockColumns,
  calendarOf,
  clockOf,
  clockPatch,
  computeDueAt,
  type DayKind,
  type DeadlineClock,
  type DeadlineMeasure,
  type DeadlineRule,
  extendDeadline,
  extendedCaseClock,
  hasDeadline,
  measureOf,
  pauseClock,
  pausedCaseClock,
  restartClock,
  restartedCaseClock,
  resumeClock,
  resumedCaseClock,
  SHORT_DEADLINE_MAX_WORKING_DAYS,
  startClock,
  startedCaseClock,
  timeLeft,
  WARNING_SHARE,
  warningInstant,
} from './calendar.deadlines.ts';
export {
  type CalendarConfig,
  DEFAULT_CALENDAR_CONFIG,
  invalidateCalendarCache,
  loadDeadlineSettings,
  loadWorkingCalendar,
  parseOfficeHours,
} from './calendar.loader.ts';
export { calendarRoutes } from './calendar.routes.ts';
export {
  createDeadlineSettings,
  DEFAULT_DEADLINES,
  type DeadlineSettings,
  type Milestone,
  type ResolvedDeadline,
} from './calendar.settings.ts';
export { seedHolidaysAtStart } from './calendar.startup.ts';
export {
  addCalendarDays,
  addWorkingDays,
  addWorkingTime,
  createWorkingCalendar,
  isWithinOfficeHours,
  type OfficeHours,
  type WorkingCalendar,
  workingTimeBetween,
} from './calendar.working-time.ts';
export { ensureHolidayYears } from './holidays.usecases.ts';
