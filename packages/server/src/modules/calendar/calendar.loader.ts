import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { createReferenceCache } from '../../db/reference-cache.ts';
import { createUnitsRepository, type UnitTree } from '../units/index.ts';
import { createCalendarRepository } from './calendar.repository.ts';
import { createDeadlineSettings, type DeadlineOverride, type DeadlineSettings } from './calendar.settings.ts';
import { createWorkingCalendar, type OfficeHours, type WorkingCalendar } from './calendar.working-time.ts';

export type CalendarConfig = Pick<Config, 'OFFICE_HOURS' | 'CALENDAR_TIME_ZONE'>;

export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = {
  OFFICE_HOURS: '08:00-17:00',
  CALENDAR_TIME_ZONE: 'Africa/Tunis',
};

/** `08:00-17:00` → minutes after midnight (the configuration has checked the shape). */
export function parseOfficeHours(text: string): OfficeHours {
  const [start = '', end = ''] = text.split('-');
  const minutes = (hhmm: string) => {
    const [hours, mins] = hhmm.split(':').map(Number);
    return (hours ?? 0) * 60 + (mins ?? 0);
  };
  return { startMinute: minutes(start), endMinute: minutes(end) };
}

/** Holidays and overrides: read on every filing, kept per process (see db/reference-cache.ts). */
const CACHE_TTL_MS = 60_000;
const calendars = createReferenceCache<WorkingCalendar>(CACHE_TTL_MS);
const overridesCache = createReferenceCache<DeadlineOverride[]>(CACHE_TTL_MS);

/** Drops every cached calendar and deadline setting of this process (after a change). */
export function invalidateCalendarCache(): void {
  calendars.invalidate();
  overridesCache.invalidate();
}

/**
 * The working calendar with the administrators' holidays for every seeded year; years not
 * seeded use the computed defaults (the same dates seeding would store).
 */
export function loadWorkingCalendar({
  db,
  config = DEFAULT_CALENDAR_CONFIG,
}: {
  db: Database;
  config?: CalendarConfig;
}): Promise<WorkingCalendar> {
  return calendars.get(db, async () => {
    const repository = createCalendarRepository({ db });
    const knownYears = await repository.listSeededYears();
    const rows =
      knownYears.length === 0
        ? []
        : await repository.listHolidays({ fromYear: Math.min(...knownYears), toYear: Math.max(...knownYears) });
    return createWorkingCalendar({
      timeZone: config.CALENDAR_TIME_ZONE,
      officeHours: parseOfficeHours(config.OFFICE_HOURS),
      holidays: rows.filter((row) => row.isActive).map((row) => row.date),
      knownYears,
    });
  });
}

/**
 * The deadline rules in force. The unit tree resolves unit overrides to the units below them:
 * pass one the caller has loaded already, or it is loaded here (only when unit overrides exist).
 */
export async function loadDeadlineSettings({
  db,
  unitTree,
}: {
  db: Database;
  unitTree?: UnitTree;
}): Promise<DeadlineSettings> {
  const overrides = await overridesCache.get(db, async () => {
    const rows = await createCalendarRepository({ db }).listDeadlineSettings();
    return rows.map((row) => ({
      id: row.id,
      unitId: row.unitId,
      requestType: row.requestType,
      milestone: row.milestone,
      days: row.days,
      dayKind: row.dayKind,
    }));
  });
  const hasUnitOverrides = overrides.some((override) => override.unitId !== null);
  const tree = unitTree ?? (hasUnitOverrides ? await createUnitsRepository({ db }).loadTree() : { pathOf: () => [] });
  return createDeadlineSettings({ overrides, unitTree: tree });
}
