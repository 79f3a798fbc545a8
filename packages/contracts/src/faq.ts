import { z } from 'zod';
import { caseOutcomeSchema } from './cases.ts';
import { requestTypeSchema } from './enums.ts';

const questionText = z.string().trim().min(3).max(500);
const answerText = z.string().trim().min(3).max(5000);

export const trilingualQuestionSchema = z
  .strictObject({ ar: questionText, fr: questionText, en: questionText })
  .meta({ id: 'TrilingualQuestion' });
export const trilingualAnswerSchema = z
  .strictObject({ ar: answerText, fr: answerText, en: answerText })
  .meta({ id: 'TrilingualAnswer' });

/** A frequently asked question with its answer, in the three languages. */
export const faqEntrySchema = z
  .strictObject({
    id: z.uuid(),
    categoryId: z.uuid().nullable(),
    /** The unit that keeps the entry; null for a national entry of the central office. */
    unitId: z.uuid().nullable(),
    question: trilingualQuestionSchema,
    answer: trilingualAnswerSchema,
    isPublished: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'FaqEntry' });
export type FaqEntryDto = z.infer<typeof faqEntrySchema>;

export const faqListSchema = z.strictObject({ entries: z.array(faqEntrySchema) }).meta({ id: 'FaqList' });

export const createFaqEntryRequestSchema = z
  .strictObject({
    categoryId: z.uuid().nullable().default(null),
    unitId: z.uuid().nullable().default(null),
    question: trilingualQuestionSchema,
    answer: trilingualAnswerSchema,
    isPublished: z.boolean().default(false),
  })
  .meta({ id: 'CreateFaqEntryRequest' });

export const updateFaqEntryRequestSchema = z
  .strictObject({
    categoryId: z.uuid().nullable().optional(),
    unitId: z.uuid().nullable().optional(),
    question: trilingualQuestionSchema.optional(),
    answer: trilingualAnswerSchema.optional(),
    isPublished: z.boolean().optional(),
  })
  .meta({ id: 'UpdateFaqEntryRequest' });

/** GET /faq (public, published only) and GET /admin/faq (staff, also unpublished ones in reach). */
export const listFaqQuerySchema = z.strictObject({
  categoryId: z.uuid().optional(),
  unitId: z.uuid().optional(),
});

/** GET /search/similar: what a citizen types before filing. */
export const searchSimilarQuerySchema = z.strictObject({
  q: z.string().trim().min(2).max(300),
  type: requestTypeSchema.optional(),
  categoryId: z.uuid().optional(),
});

/** An earlier case published with its citizen's consent: only its title, outcome and reference. */
export const similarCaseSchema = z
  .strictObject({
    reference: z.string(),
    type: requestTypeSchema,
    title: z.string(),
    outcome: caseOutcomeSchema,
    answeredAt: z.iso.datetime(),
  })
  .meta({ id: 'SimilarCase' });

export const similarFaqSchema = z
  .strictObject({
    id: z.uuid(),
    categoryId: z.uuid().nullable(),
    question: trilingualQuestionSchema,
    answer: trilingualAnswerSchema,
  })
  .meta({ id: 'SimilarFaqEntry' });

export const searchSimilarResponseSchema = z
  .strictObject({ cases: z.array(similarCaseSchema), faq: z.array(similarFaqSchema) })
  .meta({ id: 'SimilarResults' });
