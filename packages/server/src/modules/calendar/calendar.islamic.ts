import { dayFromIsoDate, isoDateOfDay, MS_PER_DAY } from './calendar.time-zone.ts';

/**
 * Gregorian dates of Hijri dates, from ICU's Umm al-Qura calendar (Intl). Tunisia fixes its
 * Islamic holidays by moon sighting, announced a day or two ahead; Umm al-Qura matched the
 * announced dates of 2025 (Eid al-Fitr 30 March, Eid al-Adha 6 June), so it is the best default
 * for an administrator to confirm or move.
 */
const hijriFormatter = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

export interface HijriDate {
  month: number;
  day: number;
}

/** Every Gregorian date (ISO) in `year` whose Hijri month and day is one of `wanted`, in order. */
export function gregorianDatesOfHijri(
  year: number,
  wanted: readonly HijriDate[],
): Array<{ date: string; hijri: HijriDate }> {
  const keys = new Set(wanted.map((hijri) => `${hijri.month}/${hijri.day}`));
  const first = dayFromIsoDate(`${year}-01-01`);
  const last = dayFromIsoDate(`${year}-12-31`);
  const found: Array<{ date: string; hijri: HijriDate }> = [];
  for (let day = first; day <= last; day++) {
    const parts = hijriFormatter.formatToParts(day * MS_PER_DAY);
    const month = Number(parts.find((part) => part.type === 'month')?.value);
    const dayOfMonth = Number(parts.find((part) => part.type === 'day')?.value);
    if (keys.has(`${month}/${dayOfMonth}`)) found.push({ date: isoDateOfDay(day), hijri: { month, day: dayOfMonth } });
  }
  return found;
}
