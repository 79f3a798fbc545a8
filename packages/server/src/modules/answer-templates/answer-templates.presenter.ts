import type { AnswerTemplateDto } from '@epeople/contracts';
import type { AnswerTemplateRow } from './answer-templates.table.ts';

export function toAnswerTemplateDto(row: AnswerTemplateRow): AnswerTemplateDto {
  return {
    id: row.id,
    unitId: row.unitId,
    requestType: row.requestType,
    outcome: row.outcome,
    title: row.title,
    body: { ar: row.bodyAr, fr: row.bodyFr, en: row.bodyEn },
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
