import type { TrilingualName } from '@epeople/contracts';
import { type Actor, auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { assertAllowed } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import {
  createHolidayExistsError,
  createHolidayNotFoundError,
  createHolidayOutsideYearError,
} from './calendar.errors.ts';
import { defaultHolidaysOf } from './calendar.holidays.ts';
import { invalidateCalendarCache } from './calendar.loader.ts';
import { can } from './calendar.policies.ts';
import { createCalendarRepository, type HolidayPatch, type HolidayRow } from './calendar.repository.ts';

const SYSTEM: Actor = { kind: 'system', name: 'calendar' };

/**
 * Stores the default holidays of the years not seeded yet (fixed ones confirmed, Islamic ones
 * computed and awaiting confirmation); answers the years this call seeded. Safe to call from
 * several nodes at once: each year is seeded by one of them.
 */
export async function ensureHolidayYears({ db, years }: { db: Database; years: readonly number[] }): Promise<number[]> {
  const seededAlready = new Set(await createCalendarRepository({ db }).listSeededYears());
  const seeded: number[] = [];
  for (const year of years) {
    if (seededAlready.has(year)) continue;
    const defaults = defaultHolidaysOf(year);
    const didSeed = await db.transaction(async (tx) => {
      if (!(await createCalendarRepository({ db: tx }).seedYear(year, defaults))) return false;
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(SYSTEM),
        action: 'calendar.holidays_seeded',
        subjectType: 'holiday_year',
        subjectId: String(year),
        data: { year, holidays: defaults.map((holiday) => ({ code: holiday.code, date: holiday.date })) },
      });
      return true;
    });
    if (didSeed) seeded.push(year);
  }
  if (seeded.length > 0) invalidateCalendarCache();
  return seeded;
}

/** A year's holidays, public (citizens see which days do not count). */
export async function listHolidays({ db, year }: { db: Database; year: number }): Promise<HolidayRow[]> {
  await ensureHolidayYears({ db, years: [year] });
  return createCalendarRepository({ db }).listHolidays({ fromYear: year, toYear: year });
}

const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));

/** An exceptional day off, decreed for one date; confirmed at once. */
export async function createHoliday({
  db,
  actor,
  requestId,
  input,
}: UseCaseDeps & { input: { date: string; name: TrilingualName } }): Promise<HolidayRow> {
  assertAllowed(actor, can(actor, 'manage_holidays'));
  const year = yearOf(input.date);
  await ensureHolidayYears({ db, years: [year] });
  const created = await db.transaction(async (tx) => {
    const holiday = await createCalendarRepository({ db: tx }).insertHoliday({
      year,
      code: `exceptional-${input.date}`,
      date: input.date,
      kind: 'exceptional',
      nameAr: input.name.ar,
      nameFr: input.name.fr,
      nameEn: input.name.en,
      confirmed: true,
    });
    if (!holiday) throw createHolidayExistsError();
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'calendar.holiday_created',
      subjectType: 'holiday',
      subjectId: holiday.id,
      requestId: requestId ?? null,
      data: { code: holiday.code, date: holiday.date },
    });
    return holiday;
  });
  invalidateCalendarCache();
  return created;
}

export interface UpdateHolidayInput {
  date?: string | undefined;
  confirmed?: boolean | undefined;
  isActive?: boolean | undefined;
  name?: TrilingualName | undefined;
}

/**
 * Confirms or moves a holiday (within its year), renames or cancels it. Moving a holiday is an
 * administrator's decision from the announced sighting, so it confirms the new date unless the
 * request says otherwise. Deadlines already computed keep their due dates.
 */
export async function updateHoliday({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: UpdateHolidayInput }): Promise<HolidayRow> {
  assertAllowed(actor, can(actor, 'manage_holidays'));
  const updated = await db.transaction(async (tx) => {
    const holidays = createCalendarRepository({ db: tx });
    const holiday = await holidays.findHolidayById(id);
    if (!holiday) throw createHolidayNotFoundError();
    const isMoving = input.date !== undefined && input.date !== holiday.date;
    if (isMoving && yearOf(input.date as string) !== holiday.year) throw createHolidayOutsideYearError();
    const patch: HolidayPatch = {
      ...(isMoving ? { date: input.date as string, confirmed: true } : {}),
      ...(input.confirmed !== undefined ? { confirmed: input.confirmed } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      ...(input.name ? { nameAr: input.name.ar, nameFr: input.name.fr, nameEn: input.name.en } : {}),
    };
    const row = await holidays.updateHoliday(id, patch, now);
    if (!row) throw createHolidayNotFoundError();
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'calendar.holiday_updated',
      subjectType: 'holiday',
      subjectId: id,
      requestId: requestId ?? null,
      data: {
        code: holiday.code,
        before: Object.fromEntries(Object.keys(patch).map((key) => [key, holiday[key as keyof HolidayRow]])),
        after: patch,
      },
    });
    return row;
  });
  invalidateCalendarCache();
  return updated;
}
