import type { GovernorateCode, Unit } from '@epeople/contracts';
import type { UnitRow } from './units.repository.ts';

export function toUnitDto(row: UnitRow): Unit {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    name: { ar: row.nameAr, fr: row.nameFr, en: row.nameEn },
    governorate: row.governorate as GovernorateCode | null,
    isActive: row.isActive,
  };
}
