import type { FaqEntryDto } from '@epeople/contracts';
import type { FaqEntryRow } from './faq.repository.ts';
import type { FaqHit, PublicCaseHit } from './search.repository.ts';

export function toFaqEntryDto(row: FaqEntryRow): FaqEntryDto {
  return {
    id: row.id,
    categoryId: row.categoryId,
    unitId: row.unitId,
    question: { ar: row.questionAr, fr: row.questionFr, en: row.questionEn },
    answer: { ar: row.answerAr, fr: row.answerFr, en: row.answerEn },
    isPublished: row.isPublished,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSimilarFaqDto(hit: FaqHit) {
  return {
    id: hit.id,
    categoryId: hit.category_id,
    question: { ar: hit.question_ar, fr: hit.question_fr, en: hit.question_en },
    answer: { ar: hit.answer_ar, fr: hit.answer_fr, en: hit.answer_en },
  };
}

export function toSimilarCaseDto(hit: PublicCaseHit) {
  return {
    reference: hit.reference,
    type: hit.type,
    title: hit.title,
    outcome: hit.outcome,
    answeredAt: new Date(hit.answered_at).toISOString(),
  };
}
