import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeadlineRule,
  extendDeadline,
  pauseClock,
  restartClock,
  resumeClock,
  startClock,
  timeLeft,
  warningInstant,
} from './calendar.deadlines.ts';
import { tunisCalendar } from './calendar.test-calendars.ts';
import { isoDateOfDay } from './calendar.time-zone.ts';
import {
  addWorkingDays,
  addWorkingTime,
  isWithinOfficeHours,
  subtractWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from './calendar.working-time.ts';

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-06-30T00:00:00Z');
const DAY = 86_400_000;

const instant = fc.integer({ min: FROM, max: TO });
const rule: fc.Arbitrary<DeadlineRule> = fc.record({
  days: fc.integer({ min: 1, max: 60 }),
  dayKind: fc.constantFrom('working' as const, 'calendar' as const),
});
/** The computed holidays plus up to eight random exceptional days off in 2026–2027. */
const calendar: fc.Arbitrary<WorkingCalendar> = fc
  .uniqueArray(fc.integer({ min: FROM / DAY, max: TO / DAY + 200 }), { maxLength: 8 })
  .map((days) => tunisCalendar(days.map(isoDateOfDay)));

const isOnClose = (cal: WorkingCalendar, at: number) => cal.closingOf(cal.dayOf(at)) === at;

describe('deadline properties', () => {
  it('a deadline never lands on a weekend, a holiday or outside office hours', () => {
    fc.assert(
      fc.property(calendar, rule, instant, (cal, r, from) => {
        const clock = startClock({ calendar: cal, rule: r, from: new Date(from) });
        const due = clock.dueAt.getTime();
        expect(due).toBeGreaterThan(from);
        expect(isWithinOfficeHours(cal, due)).toBe(true);
        expect(cal.isWorkingDay(cal.dayOf(due))).toBe(true);
        if (clock.measure !== 'working_hours') expect(isOnClose(cal, due)).toBe(true);
      }),
    );
  });

  it('pausing and resuming never shortens the time the agency has, and the due date never moves earlier', () => {
    fc.assert(
      fc.property(
        calendar,
        rule,
        instant,
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (cal, r, from, pauseAfter, waited) => {
          const clock = startClock({ calendar: cal, rule: r, from: new Date(from) });
          const pausedAt = new Date(from + pauseAfter);
          const paused = pauseClock({ calendar: cal, clock, at: pausedAt });
          const left = timeLeft({ calendar: cal, clock, at: pausedAt });
          expect(paused.remainingMs).toBe(Math.max(0, left));
          const resumedAt = new Date(pausedAt.getTime() + waited);
          const resumed = resumeClock({ calendar: cal, clock: paused, at: resumedAt });
          expect(resumed.dueAt.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime());
          if (left > 0) {
            expect(timeLeft({ calendar: cal, clock: resumed, at: resumedAt })).toBeGreaterThanOrEqual(left);
            expect(isWithinOfficeHours(cal, resumed.dueAt.getTime())).toBe(true);
          }
        },
      ),
    );
  });

  it('a transfer restarts the clock: the receiving unit has its whole time from the transfer', () => {
    fc.assert(
      fc.property(
        calendar,
        rule,
        rule,
        instant,
        fc.integer({ min: 0, max: 90 * DAY }),
        (cal, first, second, from, after) => {
          const original = pauseClock({
            calendar: cal,
            clock: startClock({ calendar: cal, rule: first, from: new Date(from) }),
            at: new Date(from + after / 2),
          });
          const at = new Date(from + after);
          const restarted = restartClock({ calendar: cal, rule: second, at });
          expect(restarted).toEqual(startClock({ calendar: cal, rule: second, from: at }));
          expect(restarted.pausedAt).toBeNull();
          expect(original.pausedAt).not.toBeNull();
          expect(timeLeft({ calendar: cal, clock: restarted, at })).toBe(restarted.allottedMs);
        },
      ),
    );
  });

  it('adding N working days then M equals adding N + M; the same for working time', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (cal, from, n, m) => {
          expect(addWorkingDays(cal, addWorkingDays(cal, from, n), m)).toBe(addWorkingDays(cal, from, n + m));
          const a = n * 1_800_000;
          const b = m * 1_800_000;
          expect(addWorkingTime(cal, addWorkingTime(cal, from, a), b)).toBe(addWorkingTime(cal, from, a + b));
        },
      ),
    );
  });

  it('a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(calendar, rule, instant, fc.integer({ min: 0, max: 30 * DAY }), (cal, r, from, later) => {
        const early = startClock({ calendar: cal, rule: r, from: new Date(from) });
        const late = startClock({ calendar: cal, rule: r, from: new Date(from + later) });
        expect(late.dueAt.getTime()).toBeGreaterThanOrEqual(early.dueAt.getTime());
      }),
    );
  });

  it('working time counted forward and backward agree', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 400 * 3_600_000 }), (cal, from, ms) => {
        const to = addWorkingTime(cal, from, ms);
        expect(workingTimeBetween(cal, from, to)).toBe(ms);
        const back = subtractWorkingTime(cal, to, ms);
        expect(back).toBeGreaterThanOrEqual(from);
        expect(workingTimeBetween(cal, back, to)).toBe(ms);
        expect(workingTimeBetween(cal, from, back)).toBe(0);
      }),
    );
  });

  it('an extension never shortens; the warning falls within office hours before the due instant', () => {
    fc.assert(
      fc.property(calendar, rule, instant, fc.integer({ min: 1, max: 30 }), (cal, r, from, days) => {
        const clock = startClock({ calendar: cal, rule: r, from: new Date(from) });
        const extended = extendDeadline({ calendar: cal, clock, days });
        expect(extended.dueAt.getTime()).toBeGreaterThan(clock.dueAt.getTime());
        expect(isWithinOfficeHours(cal, extended.dueAt.getTime())).toBe(true);
        const warning = warningInstant({ calendar: cal, clock })?.getTime() ?? Number.NaN;
        expect(warning).toBeGreaterThanOrEqual(from);
        expect(warning).toBeLessThan(clock.dueAt.getTime());
        if (clock.measure !== 'calendar_days') expect(isWithinOfficeHours(cal, warning)).toBe(true);
      }),
    );
  });
});
