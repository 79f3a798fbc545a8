import type { Category } from '@epeople/contracts';
import type { CategoryRow } from './categories.repository.ts';

export function toCategoryDto(row: CategoryRow): Category {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: { ar: row.nameAr, fr: row.nameFr, en: row.nameEn },
    isActive: row.isActive,
  };
}
