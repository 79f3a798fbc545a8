import { describe, expect, it } from 'vitest';
import { defaultHolidaysOf } from './calendar.holidays.ts';

const datesOf = (year: number, kind: string) =>
  defaultHolidaysOf(year)
    .filter((holiday) => holiday.kind === kind)
    .map((holiday) => `${holiday.date} ${holiday.code}`);

describe('default holidays', () => {
  it('the fixed holidays follow decree 2021-223: Revolution Day on 17 December, no longer on 14 January', () => {
    expect(datesOf(2026, 'fixed')).toEqual([
      '2026-01-01 new-year',
      '2026-03-20 independence-day',
      '2026-04-09 martyrs-day',
      '2026-05-01 labour-day',
      '2026-07-25 republic-day',
      '2026-08-13 womens-day',
      '2026-10-15 evacuation-day',
      '2026-12-17 revolution-day',
    ]);
    expect(defaultHolidaysOf(2026).every((holiday) => holiday.kind !== 'fixed' || holiday.confirmed)).toBe(true);
  });

  it('the Islamic holidays of 2026 are computed from the Umm al-Qura calendar and await confirmation', () => {
    expect(datesOf(2026, 'islamic')).toEqual([
      '2026-03-20 eid-al-fitr-1',
      '2026-03-21 eid-al-fitr-2',
      '2026-03-22 eid-al-fitr-3',
      '2026-05-27 eid-al-adha-1',
      '2026-05-28 eid-al-adha-2',
      '2026-06-16 islamic-new-year',
      '2026-08-25 mouled',
    ]);
    expect(defaultHolidaysOf(2026).some((holiday) => holiday.kind === 'islamic' && holiday.confirmed)).toBe(false);
  });

  it('the Islamic holidays of 2027 move about eleven days earlier', () => {
    expect(datesOf(2027, 'islamic')).toEqual([
      '2027-03-09 eid-al-fitr-1',
      '2027-03-10 eid-al-fitr-2',
      '2027-03-11 eid-al-fitr-3',
      '2027-05-16 eid-al-adha-1',
      '2027-05-17 eid-al-adha-2',
      '2027-06-06 islamic-new-year',
      '2027-08-14 mouled',
    ]);
  });

  it('the computed dates of 2025 are the ones Tunisia announced (Eid al-Fitr 30 March, Eid al-Adha 6 June)', () => {
    const codes = new Map(defaultHolidaysOf(2025).map((holiday) => [holiday.code, holiday.date]));
    expect(codes.get('eid-al-fitr-1')).toBe('2025-03-30');
    expect(codes.get('eid-al-adha-1')).toBe('2025-06-06');
  });

  it('a holiday that falls twice in one Gregorian year gets a second code (Islamic New Year 2008)', () => {
    const newYears = defaultHolidaysOf(2008).filter((holiday) => holiday.code.startsWith('islamic-new-year'));
    expect(newYears.map((holiday) => holiday.code)).toEqual(['islamic-new-year', 'islamic-new-year@2']);
    expect(newYears.map((holiday) => holiday.date.slice(5, 7))).toEqual(['01', '12']);
  });

  it('every holiday has a name in Arabic, French and English', () => {
    for (const holiday of defaultHolidaysOf(2027)) {
      expect(holiday.name.ar).toMatch(/\p{Script=Arabic}/u);
      expect(holiday.name.fr.length).toBeGreaterThan(3);
      expect(holiday.name.en.length).toBeGreaterThan(3);
    }
  });
});
