import { gregorianDatesOfHijri, type HijriDate } from './calendar.islamic.ts';

export type HolidayKind = 'fixed' | 'islamic' | 'exceptional';

export interface DefaultHoliday {
  /** Unique within the year: `labour-day`, `eid-al-fitr-2`; a second occurrence in one year gets `@2`. */
  code: string;
  date: string;
  kind: HolidayKind;
  name: { ar: string; fr: string; en: string };
  /** Fixed holidays are law; Islamic ones await the moon sighting. */
  confirmed: boolean;
}

interface FixedHoliday {
  code: string;
  month: number;
  day: number;
  name: DefaultHoliday['name'];
}

/**
 * Days off for state agents, local bodies and administrative public establishments, as set by
 * presidential decree 2021-223 of 7 December 2021 (JORT n° 113): it moved Revolution Day from
 * 14 January to 17 December, so 14 January is no longer a holiday.
 */
export const FIXED_HOLIDAYS: readonly FixedHoliday[] = [
  { code: 'new-year', month: 1, day: 1, name: { ar: 'رأس السنة الإدارية', fr: 'Jour de l’An', en: 'New Year’s Day' } },
  {
    code: 'independence-day',
    month: 3,
    day: 20,
    name: { ar: 'عيد الاستقلال', fr: 'Fête de l’Indépendance', en: 'Independence Day' },
  },
  { code: 'martyrs-day', month: 4, day: 9, name: { ar: 'عيد الشهداء', fr: 'Journée des Martyrs', en: 'Martyrs’ Day' } },
  { code: 'labour-day', month: 5, day: 1, name: { ar: 'عيد الشغل', fr: 'Fête du Travail', en: 'Labour Day' } },
  {
    code: 'republic-day',
    month: 7,
    day: 25,
    name: { ar: 'عيد الجمهورية', fr: 'Fête de la République', en: 'Republic Day' },
  },
  {
    code: 'womens-day',
    month: 8,
    day: 13,
    name: { ar: 'عيد المرأة', fr: 'Fête de la Femme', en: 'Women’s Day' },
  },
  {
    code: 'evacuation-day',
    month: 10,
    day: 15,
    name: { ar: 'عيد الجلاء', fr: 'Fête de l’Évacuation', en: 'Evacuation Day' },
  },
  {
    code: 'revolution-day',
    month: 12,
    day: 17,
    name: { ar: 'عيد الثورة', fr: 'Fête de la Révolution', en: 'Revolution Day' },
  },
];

interface IslamicHoliday {
  code: string;
  hijri: HijriDate;
  name: DefaultHoliday['name'];
}

const eidAlFitr = (day: number): IslamicHoliday => ({
  code: `eid-al-fitr-${day}`,
  hijri: { month: 10, day },
  name: {
    ar: `عيد الفطر (اليوم ${['الأول', 'الثاني', 'الثالث'][day - 1]})`,
    fr: `Aïd el-Fitr (${day === 1 ? '1er' : `${day}e`} jour)`,
    en: `Eid al-Fitr (day ${day})`,
  },
});

const eidAlAdha = (day: number): IslamicHoliday => ({
  code: `eid-al-adha-${day}`,
  hijri: { month: 12, day: 9 + day },
  name: {
    ar: `عيد الأضحى (اليوم ${['الأول', 'الثاني'][day - 1]})`,
    fr: `Aïd el-Idha (${day === 1 ? '1er' : `${day}e`} jour)`,
    en: `Eid al-Adha (day ${day})`,
  },
});

/** The same decree: Eid al-Fitr three days, Eid al-Adha two, Hijri New Year and Mouled one each. */
export const ISLAMIC_HOLIDAYS: readonly IslamicHoliday[] = [
  eidAlFitr(1),
  eidAlFitr(2),
  eidAlFitr(3),
  eidAlAdha(1),
  eidAlAdha(2),
  {
    code: 'islamic-new-year',
    hijri: { month: 1, day: 1 },
    name: { ar: 'رأس السنة الهجرية', fr: 'Nouvel An de l’Hégire', en: 'Islamic New Year' },
  },
  {
    code: 'mouled',
    hijri: { month: 3, day: 12 },
    name: { ar: 'المولد النبوي الشريف', fr: 'Mouled (naissance du Prophète)', en: 'The Prophet’s Birthday' },
  },
];

const pad = (value: number) => String(value).padStart(2, '0');

/** The default public holidays of a Gregorian year: fixed ones confirmed, Islamic ones computed. */
export function defaultHolidaysOf(year: number): DefaultHoliday[] {
  const fixed: DefaultHoliday[] = FIXED_HOLIDAYS.map((holiday) => ({
    code: holiday.code,
    date: `${year}-${pad(holiday.month)}-${pad(holiday.day)}`,
    kind: 'fixed',
    name: holiday.name,
    confirmed: true,
  }));
  const occurrences = gregorianDatesOfHijri(
    year,
    ISLAMIC_HOLIDAYS.map((holiday) => holiday.hijri),
  );
  // The Hijri year is 11 days shorter: about every 33 years a holiday falls twice in one year.
  const seen = new Map<string, number>();
  const islamic: DefaultHoliday[] = occurrences.map(({ date, hijri }) => {
    const holiday = ISLAMIC_HOLIDAYS.find(
      (candidate) => candidate.hijri.month === hijri.month && candidate.hijri.day === hijri.day,
    ) as IslamicHoliday;
    const count = (seen.get(holiday.code) ?? 0) + 1;
    seen.set(holiday.code, count);
    return {
      code: count === 1 ? holiday.code : `${holiday.code}@${count}`,
      date,
      kind: 'islamic',
      name: holiday.name,
      confirmed: false,
    };
  });
  return [...fixed, ...islamic].sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code));
}
