import { describe, expect, it } from 'vitest';
import { buildUnitTree } from '../units/index.ts';
import {
  computeDueAt,
  extendDeadline,
  pauseClock,
  resumeClock,
  startClock,
  warningInstant,
} from './calendar.deadlines.ts';
import { createDeadlineSettings } from './calendar.settings.ts';
import { tunis, tunisCalendar } from './calendar.test-calendars.ts';
import { addWorkingTime, createWorkingCalendar, workingTimeBetween } from './calendar.working-time.ts';

const calendar = tunisCalendar();
const noOverrides = createDeadlineSettings({ overrides: [], unitTree: buildUnitTree([]) });
const HOUR = 3_600_000;

describe('deadlines on the 2026–2027 calendar', () => {
  it('a petition filed on the Thursday before Eid al-Fitr 2026 is due on Friday 10 April (Eid and Martyrs’ Day skipped)', () => {
    const dueAt = computeDueAt({
      calendar,
      settings: noOverrides,
      requestType: 'petition',
      unitId: null,
      from: tunis('2026-03-19T10:00'),
    });
    expect(dueAt).toEqual(tunis('2026-04-10T17:00'));
  });

  it('guidance filed on the Thursday before Eid al-Adha 2027 is due seven working days later, on Tuesday 25 May', () => {
    const dueAt = computeDueAt({
      calendar,
      settings: noOverrides,
      requestType: 'guidance',
      unitId: null,
      from: tunis('2027-05-13T16:30'),
    });
    expect(dueAt).toEqual(tunis('2027-05-25T17:00'));
  });

  it('a notice is acknowledged within 27 working hours: filed Thursday 15:00 before Eid 2026, due Wednesday 15:00', () => {
    const dueAt = computeDueAt({
      calendar,
      settings: noOverrides,
      requestType: 'notice',
      milestone: 'acknowledge',
      unitId: null,
      from: tunis('2026-03-19T15:00'),
    });
    expect(dueAt).toEqual(tunis('2026-03-25T15:00'));
  });

  it('a suggestion’s 30 calendar days ending on Revolution Day 2026 end at the close of the next working day', () => {
    const dueAt = computeDueAt({
      calendar,
      settings: noOverrides,
      requestType: 'suggestion',
      unitId: null,
      from: tunis('2026-11-17T11:00'),
    });
    expect(dueAt).toEqual(tunis('2026-12-18T17:00'));
  });

  it('a petition filed on a Saturday counts from Monday, and 14 January is a working day since 2022', () => {
    const dueAt = computeDueAt({
      calendar,
      settings: noOverrides,
      requestType: 'petition',
      unitId: null,
      from: tunis('2026-01-03T12:00'),
    });
    // Mon 5 … Thu 22 January: 14 working days, 14 January among them.
    expect(dueAt).toEqual(tunis('2026-01-22T17:00'));
  });

  it('a three-day wait for the citizen moves a petition’s deadline three working days on', () => {
    const started = startClock({ calendar, rule: { days: 14, dayKind: 'working' }, from: tunis('2026-01-05T09:00') });
    expect(started.dueAt).toEqual(tunis('2026-01-23T17:00'));
    const paused = pauseClock({ calendar, clock: started, at: tunis('2026-01-07T12:00') });
    expect(paused.remainingMs).toBe(5 * HOUR + 12 * 9 * HOUR);
    const resumed = resumeClock({ calendar, clock: paused, at: tunis('2026-01-12T12:00') });
    expect(resumed.dueAt).toEqual(tunis('2026-01-28T17:00'));
    expect(resumed.pausedAt).toBeNull();
  });

  it('a clock paused after its deadline passed stays overdue on resume', () => {
    const started = startClock({ calendar, rule: { days: 7, dayKind: 'working' }, from: tunis('2026-01-05T09:00') });
    const paused = pauseClock({ calendar, clock: started, at: tunis('2026-02-02T09:00') });
    const resumed = resumeClock({ calendar, clock: paused, at: tunis('2026-02-09T09:00') });
    expect(resumed.dueAt).toEqual(started.dueAt);
  });

  it('the warning comes when a quarter of the time is left: guidance filed Monday 5 January 2026 at the close', () => {
    const clock = startClock({ calendar, rule: { days: 7, dayKind: 'working' }, from: tunis('2026-01-05T17:00') });
    expect(clock.dueAt).toEqual(tunis('2026-01-14T17:00'));
    expect(clock.allottedMs).toBe(63 * HOUR);
    // 15 h 45 min of office time before the due instant.
    expect(warningInstant({ calendar, clock })).toEqual(tunis('2026-01-13T10:15'));
    expect(warningInstant({ calendar, clock: pauseClock({ calendar, clock, at: tunis('2026-01-06T10:00') }) })).toBe(
      undefined,
    );
  });

  it('an extension adds working days after the current deadline, and to the time left while paused', () => {
    const clock = startClock({ calendar, rule: { days: 14, dayKind: 'working' }, from: tunis('2026-03-19T10:00') });
    const extended = extendDeadline({ calendar, clock, days: 14 });
    // 13 Apr … 30 Apr: 14 working days.
    expect(extended.dueAt).toEqual(tunis('2026-04-30T17:00'));
    const paused = pauseClock({ calendar, clock, at: tunis('2026-03-24T10:00') });
    const extendedWhilePaused = extendDeadline({ calendar, clock: paused, days: 2 });
    expect(extendedWhilePaused.remainingMs).toBe((paused.remainingMs ?? 0) + 18 * HOUR);
  });

  it('a unit’s override applies to the units below it; the nearest one wins over the national one', () => {
    const tree = buildUnitTree([
      { id: 'ministry', parentId: null },
      { id: 'directorate', parentId: 'ministry' },
      { id: 'office', parentId: 'directorate' },
    ]);
    const settings = createDeadlineSettings({
      unitTree: tree,
      overrides: [
        { id: 'n', unitId: null, requestType: 'petition', milestone: 'answer', days: 20, dayKind: 'working' },
        { id: 'm', unitId: 'ministry', requestType: 'petition', milestone: 'answer', days: 10, dayKind: 'working' },
        { id: 'd', unitId: 'directorate', requestType: 'petition', milestone: 'answer', days: 3, dayKind: 'working' },
      ],
    });
    expect(settings.ruleFor({ requestType: 'petition', unitId: 'office' })).toMatchObject({ days: 3 });
    expect(settings.ruleFor({ requestType: 'petition', unitId: 'ministry' })).toMatchObject({ days: 10 });
    expect(settings.ruleFor({ requestType: 'petition', unitId: null })).toMatchObject({ days: 20 });
    expect(settings.ruleFor({ requestType: 'guidance', unitId: 'office' })).toMatchObject({
      days: 7,
      source: { kind: 'default' },
    });
    expect(settings.ruleFor({ requestType: 'petition', milestone: 'acknowledge', unitId: 'office' })).toBeUndefined();
  });
});

describe('office hours and time zones', () => {
  it('office hours are local wall-clock time: in Paris the close moves with summer time, in Tunis it does not', () => {
    const paris = createWorkingCalendar({
      timeZone: 'Europe/Paris',
      officeHours: { startMinute: 8 * 60, endMinute: 17 * 60 },
      holidays: [],
      knownYears: [2026],
    });
    expect(new Date(addWorkingTime(paris, Date.parse('2026-01-05T07:00:00Z'), 9 * HOUR)).toISOString()).toBe(
      '2026-01-05T16:00:00.000Z',
    );
    expect(new Date(addWorkingTime(paris, Date.parse('2026-07-06T06:00:00Z'), 9 * HOUR)).toISOString()).toBe(
      '2026-07-06T15:00:00.000Z',
    );
    // Across the spring change (Sunday 29 March 2026), Friday 16:00 + 2 h is Monday 09:00 local.
    expect(new Date(addWorkingTime(paris, Date.parse('2026-03-27T15:00:00Z'), 2 * HOUR)).toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(new Date(addWorkingTime(calendar, tunis('2026-07-06T08:00').getTime(), 9 * HOUR))).toEqual(
      tunis('2026-07-06T17:00'),
    );
  });

  it('configured office hours (a summer single session 07:30–14:00) set the working day’s length', () => {
    const summer = createWorkingCalendar({
      timeZone: 'Africa/Tunis',
      officeHours: { startMinute: 7 * 60 + 30, endMinute: 14 * 60 },
      holidays: [],
      knownYears: [],
    });
    expect(summer.officeDayMs).toBe(6.5 * HOUR);
    const clock = startClock({
      calendar: summer,
      rule: { days: 2, dayKind: 'working' },
      from: tunis('2026-07-08T13:00'),
    });
    expect(clock.measure).toBe('working_hours');
    expect(clock.dueAt).toEqual(tunis('2026-07-10T13:00'));
    expect(workingTimeBetween(summer, tunis('2026-07-08T13:00').getTime(), clock.dueAt.getTime())).toBe(13 * HOUR);
  });
});
