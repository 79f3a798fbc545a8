import type { RequestType } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import {
  computeDueAt,
  hasDeadline,
  loadDeadlineSettings,
  loadWorkingCalendar,
  startCaseClock,
} from '../../calendar/index.ts';
import type { FiledCaseRow } from '../case-filing.repository.ts';

/**
 * The clock of a new case on the working calendar (modules/calendar), under its unit's rules:
 * the answer deadline, and for notices the acknowledgement one. Stored one column per field.
 */
export async function initialDeadlines({
  ctx,
  type,
  unitId,
  from,
}: {
  ctx: AppContext;
  type: RequestType;
  unitId: string;
  from: Date;
}): Promise<
  Pick<
    FiledCaseRow,
    'deadlineMeasure' | 'clockStartedAt' | 'dueAt' | 'allottedMs' | 'pausedAt' | 'remainingMs' | 'acknowledgeDueAt'
  >
> {
  const db = ctx.database.db;
  const [calendar, settings] = await Promise.all([
    loadWorkingCalendar({ db, config: ctx.config }),
    loadDeadlineSettings({ db }),
  ]);
  const args = { calendar, settings, requestType: type, unitId };
  const clock = startCaseClock({ ...args, from });
  return {
    deadlineMeasure: clock.measure,
    clockStartedAt: clock.startedAt,
    dueAt: clock.dueAt,
    allottedMs: clock.allottedMs,
    pausedAt: null,
    remainingMs: null,
    acknowledgeDueAt: hasDeadline(settings, type, 'acknowledge')
      ? computeDueAt({ ...args, milestone: 'acknowledge', from })
      : null,
  };
}
