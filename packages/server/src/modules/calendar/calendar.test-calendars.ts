import { defaultHolidaysOf } from './calendar.holidays.ts';
import { createWorkingCalendar, type WorkingCalendar } from './calendar.working-time.ts';

const YEARS = [2025, 2026, 2027, 2028];

/**
 * Tunisia's calendar as configured by default (Africa/Tunis, 08:00–17:00) with the computed
 * holidays of 2025–2028 as an administrator would have confirmed them, plus `extraHolidays`.
 */
export function tunisCalendar(extraHolidays: readonly string[] = []): WorkingCalendar {
  return createWorkingCalendar({
    timeZone: 'Africa/Tunis',
    officeHours: { startMinute: 8 * 60, endMinute: 17 * 60 },
    holidays: [...YEARS.flatMap((year) => defaultHolidaysOf(year).map((holiday) => holiday.date)), ...extraHolidays],
    knownYears: YEARS,
  });
}

/** A local Tunis wall time (UTC+1 all year since 2009) as an instant. */
export const tunis = (isoLocal: string): Date => new Date(`${isoLocal}+01:00`);
