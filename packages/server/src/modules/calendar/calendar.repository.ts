import type { RequestType } from '@epeople/contracts';
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { DefaultHoliday } from './calendar.holidays.ts';
import type { Milestone } from './calendar.settings.ts';
import { deadlineSettings, holidays, holidayYears } from './calendar.table.ts';

export type HolidayRow = typeof holidays.$inferSelect;
export type DeadlineSettingRow = typeof deadlineSettings.$inferSelect;

export interface NewHoliday {
  year: number;
  code: string;
  date: string;
  kind: HolidayRow['kind'];
  nameAr: string;
  nameFr: string;
  nameEn: string;
  confirmed: boolean;
}

export type HolidayPatch = Partial<
  Pick<HolidayRow, 'date' | 'confirmed' | 'isActive' | 'nameAr' | 'nameFr' | 'nameEn'>
>;

export interface DeadlineSettingKey {
  unitId: string | null;
  requestType: RequestType;
  milestone: Milestone;
}

export function createCalendarRepository({ db }: { db: Database }) {
  return {
    // ---- Holidays ------------------------------------------------------------------------

    async listHolidays({ fromYear, toYear }: { fromYear: number; toYear: number }): Promise<HolidayRow[]> {
      return db
        .select()
        .from(holidays)
        .where(and(gte(holidays.year, fromYear), lte(holidays.year, toYear)))
        .orderBy(asc(holidays.date), asc(holidays.code));
    },

    async listSeededYears(): Promise<number[]> {
      const rows = await db.select({ year: holidayYears.year }).from(holidayYears);
      return rows.map((row) => row.year);
    },

    /**
     * Seeds a year's default holidays once: the first caller takes the year's row (a second
     * node waits on its unique key, then finds it taken) and inserts the defaults; answers
     * whether this call seeded the year. Call inside a transaction.
     */
    async seedYear(year: number, defaults: readonly DefaultHoliday[]): Promise<boolean> {
      const taken = await db.insert(holidayYears).values({ year }).onConflictDoNothing().returning();
      if (taken.length === 0) return false;
      if (defaults.length > 0) {
        await db
          .insert(holidays)
          .values(
            defaults.map((holiday) => ({
              year,
              code: holiday.code,
              date: holiday.date,
              kind: holiday.kind,
              nameAr: holiday.name.ar,
              nameFr: holiday.name.fr,
              nameEn: holiday.name.en,
              confirmed: holiday.confirmed,
            })),
          )
          .onConflictDoNothing();
      }
      return true;
    },

    async findHolidayById(id: string): Promise<HolidayRow | undefined> {
      const rows = await db.select().from(holidays).where(eq(holidays.id, id)).limit(1);
      return rows[0];
    },

    /** Answers undefined when the year already has a holiday with this code. */
    async insertHoliday(holiday: NewHoliday): Promise<HolidayRow | undefined> {
      const rows = await db.insert(holidays).values(holiday).onConflictDoNothing().returning();
      return rows[0];
    },

    async updateHoliday(id: string, patch: HolidayPatch, now: Date): Promise<HolidayRow | undefined> {
      const rows = await db
        .update(holidays)
        .set({ ...patch, updatedAt: now })
        .where(eq(holidays.id, id))
        .returning();
      return rows[0];
    },

    // ---- Deadline settings ---------------------------------------------------------------

    async listDeadlineSettings(filter: { unitIds?: readonly string[] } = {}): Promise<DeadlineSettingRow[]> {
      const query = db.select().from(deadlineSettings);
      const filtered = filter.unitIds
        ? query.where(
            filter.unitIds.length > 0
              ? inArray(deadlineSettings.unitId, [...filter.unitIds])
              : isNull(deadlineSettings.id),
          )
        : query;
      return filtered.orderBy(
        asc(deadlineSettings.requestType),
        asc(deadlineSettings.milestone),
        asc(deadlineSettings.createdAt),
      );
    },

    async findDeadlineSetting(key: DeadlineSettingKey): Promise<DeadlineSettingRow | undefined> {
      const rows = await db
        .select()
        .from(deadlineSettings)
        .where(
          and(
            key.unitId ? eq(deadlineSettings.unitId, key.unitId) : isNull(deadlineSettings.unitId),
            eq(deadlineSettings.requestType, key.requestType),
            eq(deadlineSettings.milestone, key.milestone),
          ),
        )
        .limit(1);
      return rows[0];
    },

    async findDeadlineSettingById(id: string): Promise<DeadlineSettingRow | undefined> {
      const rows = await db.select().from(deadlineSettings).where(eq(deadlineSettings.id, id)).limit(1);
      return rows[0];
    },

    /** Creates or replaces the override for (unit, type, milestone). */
    async upsertDeadlineSetting(
      setting: DeadlineSettingKey & { days: number; dayKind: DeadlineSettingRow['dayKind'] },
      now: Date,
    ): Promise<DeadlineSettingRow> {
      const rows = await db
        .insert(deadlineSettings)
        .values(setting)
        .onConflictDoUpdate({
          target: [deadlineSettings.unitId, deadlineSettings.requestType, deadlineSettings.milestone],
          set: { days: setting.days, dayKind: setting.dayKind, updatedAt: now },
        })
        .returning();
      return rows[0] as DeadlineSettingRow;
    },

    async deleteDeadlineSetting(id: string): Promise<boolean> {
      const rows = await db
        .delete(deadlineSettings)
        .where(eq(deadlineSettings.id, id))
        .returning({ id: deadlineSettings.id });
      return rows.length > 0;
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
