/**
 * Local dates and wall-clock times in an IANA time zone, through Intl (never a fixed offset:
 * Tunisia has no daylight saving today, but it had some until 2008 and may again).
 *
 * A local date is a "day number": days since 1970-01-01 in the civil calendar, so date
 * arithmetic is integer arithmetic and weekdays are `(day + 4) % 7` (Thursday 1 Jan 1970).
 */

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for a name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The zone's offset from UTC at an instant, in milliseconds (Tunis: +3,600,000). */
export function offsetAt(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  const truncated = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wall - truncated;
}

/**
 * Every filing walks the same working days (their openings and closings), and Intl's
 * formatToParts is the costly step: the pure results below are remembered, a bounded number.
 */
const MEMO_LIMIT = 20_000;
const localDays = new Map<string, number>();
const instants = new Map<string, number>();
function remember(memo: Map<string, number>, key: string, value: number): number {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** The local date (day number) of an instant. */
export function localDayOf(instantMs: number, timeZone: string): number {
  const key = `${timeZone}|${instantMs}`;
  return (
    localDays.get(key) ?? remember(localDays, key, Math.floor((instantMs + offsetAt(instantMs, timeZone)) / MS_PER_DAY))
  );
}

/**
 * The instant at a local wall-clock time (minutes after midnight) of a local date. In a
 * spring-forward gap the time is read with the offset before the change (it lands later).
 */
export function instantAt(day: number, minuteOfDay: number, timeZone: string): number {
  const key = `${timeZone}|${day}|${minuteOfDay}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const wall = day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const firstGuess = wall - offsetAt(wall, timeZone);
  const offset = offsetAt(firstGuess, timeZone);
  return remember(instants, key, wall - offset);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function dayFromIsoDate(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}
