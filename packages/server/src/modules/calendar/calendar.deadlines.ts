import {
  addCalendarDays,
  addWorkingDays,
  addWorkingTime,
  closingOnOrAfter,
  MS_PER_DAY,
  subtractWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from './calendar.working-time.ts';

/**
 * Deadline arithmetic on the working calendar (docs/PRODUCT.md §4.2), pure: the cases module keeps a
 * clock per case and calls these on filing, pause, resume, transfer and extension.
 */

export type DayKind = 'working' | 'calendar';

/** A deadline as administrators set it: so many working or calendar days. */
export interface DeadlineRule {
  days: number;
  dayKind: DayKind;
}

/**
 * How a deadline's time is counted:
 * - `working_hours`: 5 working days or less, counted in office hours from the instant of filing;
 * - `working_days`: more than 5 working days, due at the close of the last working day;
 * - `calendar_days`: calendar days, due at the close of the last day (or of the next working
 *   day when that one is a day off).
 */
export type DeadlineMeasure = 'working_hours' | 'working_days' | 'calendar_days';

/** Deadlines of this many working days or less count in working hours (docs/PRODUCT.md §4.2). */
export const SHORT_DEADLINE_MAX_WORKING_DAYS = 5;

/** The warning goes to the assignee when this share of the time is used. */
export const WARNING_SHARE = 0.75;

/**
 * A case's deadline clock, stored with the case (one column per field).
 * `allottedMs` and `remainingMs` are office time for the working measures and wall-clock time
 * for `calendar_days`.
 */
export interface DeadlineClock {
  measure: DeadlineMeasure;
  /** When the current count began: filing, or arrival at the unit after a transfer. */
  startedAt: Date;
  /** The due instant; while paused, the one before the pause (the pause moves it on resume). */
  dueAt: Date;
  /** The whole time the agency has (grows with extensions): the 75% warning is measured on it. */
  allottedMs: number;
  pausedAt: Date | null;
  /** Set while paused: the time that was left when the clock stopped. */
  remainingMs: number | null;
}

export function measureOf(rule: DeadlineRule): DeadlineMeasure {
  if (rule.dayKind === 'calendar') return 'calendar_days';
  return rule.days <= SHORT_DEADLINE_MAX_WORKING_DAYS ? 'working_hours' : 'working_days';
}

/** The due instant of `days` counted from `from` in a measure. */
function addDays(calendar: WorkingCalendar, measure: DeadlineMeasure, from: number, days: number): number {
  switch (measure) {
    case 'working_hours':
      return addWorkingTime(calendar, from, days * calendar.officeDayMs);
    case 'working_days':
      return addWorkingDays(calendar, from, days);
    case 'calendar_days':
      return addCalendarDays(calendar, from, days);
  }
}

/** The time left between two instants in the measure's own time (office or wall clock). */
function timeBetween(calendar: WorkingCalendar, measure: DeadlineMeasure, from: number, to: number): number {
  if (measure === 'calendar_days') return Math.max(0, to - from);
  return workingTimeBetween(calendar, from, to);
}

/** Starts a deadline at `from` (filing, or a transfer's arrival). */
export function startClock({
  calendar,
  rule,
  from,
}: {
  calendar: WorkingCalendar;
  rule: DeadlineRule;
  from: Date;
}): DeadlineClock {
  const measure = measureOf(rule);
  const dueAt = addDays(calendar, measure, from.getTime(), rule.days);
  return {
    measure,
    startedAt: from,
    dueAt: new Date(dueAt),
    allottedMs: timeBetween(calendar, measure, from.getTime(), dueAt),
    pausedAt: null,
    remainingMs: null,
  };
}

/** Stops the clock while the case waits for the citizen; pausing a paused clock changes nothing. */
export function pauseClock({
  calendar,
  clock,
  at,
}: {
  calendar: WorkingCalendar;
  clock: DeadlineClock;
  at: Date;
}): DeadlineClock {
  if (clock.pausedAt) return clock;
  return {
    ...clock,
    pausedAt: at,
    remainingMs: timeBetween(calendar, clock.measure, at.getTime(), clock.dueAt.getTime()),
  };
}

/**
 * Restarts a paused clock: the time that was left is counted again from `at`, so the agency
 * never loses time to the citizen's wait. A clock already overdue when paused stays overdue.
 * Day-counted deadlines are rounded up to the close of the office day.
 */
export function resumeClock({
  calendar,
  clock,
  at,
}: {
  calendar: WorkingCalendar;
  clock: DeadlineClock;
  at: Date;
}): DeadlineClock {
  if (!clock.pausedAt) return clock;
  const remaining = clock.remainingMs ?? 0;
  const resumed = { ...clock, pausedAt: null, remainingMs: null };
  if (remaining <= 0) return resumed;
  const from = Math.max(at.getTime(), clock.pausedAt.getTime());
  let dueAt: number;
  if (clock.measure === 'calendar_days') {
    dueAt = closingOnOrAfter(calendar, from + remaining);
  } else {
    dueAt = addWorkingTime(calendar, from, remaining);
    if (clock.measure === 'working_days') dueAt = closingOnOrAfter(calendar, dueAt);
  }
  return { ...resumed, dueAt: new Date(Math.max(dueAt, clock.dueAt.getTime())) };
}

/**
 * A transfer to another unit: the receiving unit gets its whole time again, from the transfer,
 * under its own rule. The clock runs even if the case was waiting for the citizen.
 */
export function restartClock({
  calendar,
  rule,
  at,
}: {
  calendar: WorkingCalendar;
  rule: DeadlineRule;
  at: Date;
}): DeadlineClock {
  return startClock({ calendar, rule, from: at });
}

/**
 * Extends a deadline by `days` in the clock's own measure (working hours of whole office days,
 * working days, or calendar days). How many extensions are allowed is the cases module's rule.
 */
export function extendDeadline({
  calendar,
  clock,
  days,
}: {
  calendar: WorkingCalendar;
  clock: DeadlineClock;
  days: number;
}): DeadlineClock {
  if (clock.pausedAt) {
    const added = clock.measure === 'calendar_days' ? days * MS_PER_DAY : days * calendar.officeDayMs;
    return { ...clock, remainingMs: (clock.remainingMs ?? 0) + added, allottedMs: clock.allottedMs + added };
  }
  const dueAt = addDays(calendar, clock.measure, clock.dueAt.getTime(), days);
  return {
    ...clock,
    dueAt: new Date(dueAt),
    allottedMs: clock.allottedMs + timeBetween(calendar, clock.measure, clock.dueAt.getTime(), dueAt),
  };
}

/**
 * When the assignee is warned: once 75% of the allotted time is used, i.e. when a quarter is
 * left before the due instant. Undefined while paused (nothing is used up then).
 */
export function warningInstant({
  calendar,
  clock,
}: {
  calendar: WorkingCalendar;
  clock: DeadlineClock;
}): Date | undefined {
  if (clock.pausedAt) return undefined;
  const left = Math.round(clock.allottedMs * (1 - WARNING_SHARE));
  const due = clock.dueAt.getTime();
  if (clock.measure === 'calendar_days') return new Date(due - left);
  return new Date(subtractWorkingTime(calendar, due, left));
}

/** Office (or wall-clock) time the agency has left at `at`; negative when overdue. */
export function timeLeft({
  calendar,
  clock,
  at,
}: {
  calendar: WorkingCalendar;
  clock: DeadlineClock;
  at: Date;
}): number {
  if (clock.pausedAt) return clock.remainingMs ?? 0;
  const due = clock.dueAt.getTime();
  const now = at.getTime();
  if (now <= due) return timeBetween(calendar, clock.measure, now, due);
  return -timeBetween(calendar, clock.measure, due, now);
}
