/**
 * The working calendar and deadlines, for the cases module: load the calendar and the deadline
 * settings (cached per process), then use the pure clock functions on a case's deadline. The
 * deadline work that acts on cases (warnings, escalations, ...) lives in the cases module
 * (usecases/deadline-work.ts): this module only does the time arithmetic.
 */

export {
  type CaseClockArgs,
  computeDueAt,
  hasDeadline,
  restartCaseClock,
  startCaseClock,
} from './calendar.case-clock.ts';
export {
  type DayKind,
  type DeadlineClock,
  type DeadlineMeasure,
  type DeadlineRule,
  extendDeadline,
  measureOf,
  pauseClock,
  restartClock,
  resumeClock,
  SHORT_DEADLINE_MAX_WORKING_DAYS,
  startClock,
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
