import type { DeadlineSetting, Holiday } from '@epeople/contracts';
import { measureOf } from './calendar.deadlines.ts';
import type { DeadlineSettingRow, HolidayRow } from './calendar.repository.ts';

export function toHolidayDto(row: HolidayRow): Holiday {
  return {
    id: row.id,
    year: row.year,
    code: row.code,
    date: row.date,
    kind: row.kind,
    name: { ar: row.nameAr, fr: row.nameFr, en: row.nameEn },
    confirmed: row.confirmed,
    isActive: row.isActive,
  };
}

export function toDeadlineSettingDto(row: DeadlineSettingRow): DeadlineSetting {
  return {
    id: row.id,
    unitId: row.unitId,
    requestType: row.requestType,
    milestone: row.milestone,
    days: row.days,
    dayKind: row.dayKind,
    measure: measureOf(row),
  };
}
