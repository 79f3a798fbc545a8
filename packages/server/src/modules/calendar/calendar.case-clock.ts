import type { RequestType } from '@epeople/contracts';
import { type DeadlineClock, restartClock, startClock } from './calendar.deadlines.ts';
import type { DeadlineSettings, Milestone } from './calendar.settings.ts';
import type { WorkingCalendar } from './calendar.working-time.ts';

export interface CaseClockArgs {
  calendar: WorkingCalendar;
  settings: DeadlineSettings;
  requestType: RequestType;
  /** The unit that has the case; null while it waits for routing (the national rule applies). */
  unitId: string | null;
  milestone?: Milestone;
}

/** Whether a type has a deadline for a milestone (only the notice has an acknowledgement one). */
export function hasDeadline(settings: DeadlineSettings, requestType: RequestType, milestone: Milestone): boolean {
  return settings.ruleFor({ requestType, milestone, unitId: null }) !== undefined;
}

function ruleOf({ settings, requestType, unitId, milestone = 'answer' }: CaseClockArgs) {
  const rule = settings.ruleFor({ requestType, milestone, unitId });
  if (!rule) throw new Error(`no ${milestone} deadline for ${requestType}`);
  return rule;
}

/** The clock of a newly filed case, under its unit's rule. */
export function startCaseClock(args: CaseClockArgs & { from: Date }): DeadlineClock {
  return startClock({ calendar: args.calendar, rule: ruleOf(args), from: args.from });
}

/** The due instant of a case filed (or received) at `from`. */
export function computeDueAt(args: CaseClockArgs & { from: Date }): Date {
  return startCaseClock(args).dueAt;
}

/** A transfer: the receiving unit's whole time, under the receiving unit's rule. */
export function restartCaseClock(args: CaseClockArgs & { at: Date }): DeadlineClock {
  return restartClock({ calendar: args.calendar, rule: ruleOf(args), at: args.at });
}
