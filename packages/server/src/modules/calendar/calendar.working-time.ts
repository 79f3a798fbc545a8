import { defaultHolidaysOf } from './calendar.holidays.ts';
import { dayFromIsoDate, instantAt, isoWeekdayOf, localDayOf, MS_PER_DAY, yearOfDay } from './calendar.time-zone.ts';

/** Office hours as minutes after local midnight, e.g. 08:00–17:00 is { 480, 1020 }. */
export interface OfficeHours {
  startMinute: number;
  endMinute: number;
}

export interface WorkingCalendarOptions {
  timeZone: string;
  officeHours: OfficeHours;
  /** ISO weekdays that are working days (1 Monday … 7 Sunday); Tunisia: Monday to Friday. */
  workdays?: readonly number[];
  /** Holiday dates (ISO) of the years in `knownYears`, as the administrators keep them. */
  holidays: Iterable<string>;
  /** Years whose holidays are given; other years use the computed defaults. */
  knownYears: Iterable<number>;
}

/**
 * The working calendar: which local days are working days, and when each one's office opens
 * and closes. Pure and in memory; `loadWorkingCalendar` builds one from the database.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly officeHours: OfficeHours;
  /** Office time in one working day, in milliseconds (9 hours by default). */
  readonly officeDayMs: number;
  isWorkingDay(day: number): boolean;
  isHoliday(day: number): boolean;
  dayOf(instantMs: number): number;
  openingOf(day: number): number;
  closingOf(day: number): number;
}

/** A search for the next working day gives up after ten years (a calendar with none). */
const MAX_DAYS_SEARCHED = 3_660;

export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const { timeZone, officeHours } = options;
  if (
    !(officeHours.startMinute >= 0 && officeHours.startMinute < officeHours.endMinute && officeHours.endMinute <= 1440)
  ) {
    throw new RangeError('office hours must open before they close, within one day');
  }
  const workdays = new Set(options.workdays ?? [1, 2, 3, 4, 5]);
  const knownYears = new Set(options.knownYears);
  const holidayDays = new Set<number>();
  for (const date of options.holidays) holidayDays.add(dayFromIsoDate(date));
  const defaultsByYear = new Map<number, Set<number>>();
  const defaultHolidayDays = (year: number) => {
    let days = defaultsByYear.get(year);
    if (!days) {
      days = new Set(defaultHolidaysOf(year).map((holiday) => dayFromIsoDate(holiday.date)));
      defaultsByYear.set(year, days);
    }
    return days;
  };
  const isHoliday = (day: number) => {
    const year = yearOfDay(day);
    return knownYears.has(year) ? holidayDays.has(day) : defaultHolidayDays(year).has(day);
  };
  return {
    timeZone,
    officeHours,
    officeDayMs: (officeHours.endMinute - officeHours.startMinute) * 60_000,
    isHoliday,
    isWorkingDay: (day) => workdays.has(isoWeekdayOf(day)) && !isHoliday(day),
    dayOf: (instantMs) => localDayOf(instantMs, timeZone),
    openingOf: (day) => instantAt(day, officeHours.startMinute, timeZone),
    closingOf: (day) => instantAt(day, officeHours.endMinute, timeZone),
  };
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(calendar: WorkingCalendar, day: number): number {
  for (let candidate = day; candidate < day + MAX_DAYS_SEARCHED; candidate++) {
    if (calendar.isWorkingDay(candidate)) return candidate;
  }
  throw new RangeError('the working calendar has no working day in ten years');
}

/** The last working day on or before `day`. */
export function workingDayOnOrBefore(calendar: WorkingCalendar, day: number): number {
  for (let candidate = day; candidate > day - MAX_DAYS_SEARCHED; candidate--) {
    if (calendar.isWorkingDay(candidate)) return candidate;
  }
  throw new RangeError('the working calendar has no working day in ten years');
}

/** Whether an instant is within office hours (opening and closing included) of a working day. */
export function isWithinOfficeHours(calendar: WorkingCalendar, instantMs: number): boolean {
  const day = calendar.dayOf(instantMs);
  return calendar.isWorkingDay(day) && instantMs >= calendar.openingOf(day) && instantMs <= calendar.closingOf(day);
}

/**
 * The instant after `ms` of office time counted from `from`. A positive amount lands after an
 * opening and at the latest on a closing, never outside office hours.
 */
export function addWorkingTime(calendar: WorkingCalendar, from: number, ms: number): number {
  let remaining = Math.max(0, ms);
  let day = calendar.dayOf(from);
  let cursor = from;
  for (let searched = 0; searched < MAX_DAYS_SEARCHED * 300; searched++) {
    day = workingDayOnOrAfter(calendar, day);
    const opening = calendar.openingOf(day);
    const closing = calendar.closingOf(day);
    const start = Math.max(cursor, opening);
    if (start < closing || (start === closing && remaining === 0)) {
      const available = closing - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
    }
    day += 1;
    cursor = calendar.openingOf(day);
  }
  throw new RangeError('deadline too far in the future');
}

/** The instant `ms` of office time before `to` (the inverse of addWorkingTime). */
export function subtractWorkingTime(calendar: WorkingCalendar, to: number, ms: number): number {
  let remaining = Math.max(0, ms);
  let day = calendar.dayOf(to);
  let cursor = to;
  for (let searched = 0; searched < MAX_DAYS_SEARCHED * 300; searched++) {
    day = workingDayOnOrBefore(calendar, day);
    const opening = calendar.openingOf(day);
    const end = Math.min(cursor, calendar.closingOf(day));
    if (end > opening || (end === opening && remaining === 0)) {
      const available = end - opening;
      if (remaining <= available) return end - remaining;
      remaining -= available;
    }
    day -= 1;
    cursor = calendar.closingOf(day);
  }
  throw new RangeError('deadline too far in the past');
}

/** Office time between two instants (zero when `to` is not after `from`). */
export function workingTimeBetween(calendar: WorkingCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (let day = calendar.dayOf(from); day <= calendar.dayOf(to); day++) {
    if (!calendar.isWorkingDay(day)) continue;
    const start = Math.max(from, calendar.openingOf(day));
    const end = Math.min(to, calendar.closingOf(day));
    if (end > start) total += end - start;
  }
  return total;
}

/**
 * The close of the `days`-th working day after the local date of `from` (the day of filing does
 * not count, as in law: dies a quo non computatur).
 */
export function addWorkingDays(calendar: WorkingCalendar, from: number, days: number): number {
  let day = calendar.dayOf(from);
  for (let counted = 0; counted < days; counted++) day = workingDayOnOrAfter(calendar, day + 1);
  return calendar.closingOf(day);
}

/**
 * The close of the local date `days` calendar days after `from`; when that date is not a
 * working day, the close of the next working day (a deadline never ends on a day off).
 */
export function addCalendarDays(calendar: WorkingCalendar, from: number, days: number): number {
  return calendar.closingOf(workingDayOnOrAfter(calendar, calendar.dayOf(from) + days));
}

/** The first working day's close at or after an instant: rounds a due instant up, never down. */
export function closingOnOrAfter(calendar: WorkingCalendar, instantMs: number): number {
  let day = workingDayOnOrAfter(calendar, calendar.dayOf(instantMs));
  if (calendar.closingOf(day) < instantMs) day = workingDayOnOrAfter(calendar, day + 1);
  return calendar.closingOf(day);
}

export { MS_PER_DAY };
