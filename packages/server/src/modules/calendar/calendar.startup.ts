import type { AppContext } from '../../app-context.ts';
import { localDayOf, yearOfDay } from './calendar.time-zone.ts';
import { ensureHolidayYears } from './holidays.usecases.ts';

/**
 * At every start: the holidays of the current and the next year are in the table, so the
 * administrators see (and confirm) the computed Islamic dates ahead of time.
 */
export async function seedHolidaysAtStart(ctx: AppContext): Promise<undefined> {
  const year = yearOfDay(localDayOf(ctx.now().getTime(), ctx.config.CALENDAR_TIME_ZONE));
  const seeded = await ensureHolidayYears({ db: ctx.database.db, years: [year, year + 1] });
  if (seeded.length > 0) ctx.logger.info({ years: seeded }, 'default holidays seeded');
  return undefined;
}
