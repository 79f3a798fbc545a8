import { z } from 'zod';
import { caseOutcomeSchema } from './cases.ts';
import { requestTypeSchema } from './enums.ts';
import { multiLineText, singleLineText } from './text.ts';

/** As responses carry them: plain strings, so an entry stored before the clean-text rule stays readable. */
const trilingualText = z.strictObject({ ar: z.string(), fr: z.string(), en: z.string() });
export const trilingualQuestionSchema = trilingualText.meta({ id: 'TrilingualQuestion' });
export const trilingualAnswerSchema = trilingualText.meta({ id: 'TrilingualAnswer' });

/** As requests carry them: clean text (docs/text-input.md); an answer may run over several lines. */
const questionText = singleLineText(3, 500);
const answerText = multiLineText(3, 5000);
export const trilingualQuestionInputSchema = z
  .strictObject({ ar: questionText, fr: questionText, en: questionText })
  .meta({ id: 'CleanTrilingualQuestion' });
export const trilingualAnswerInputSchema = z
  .strictObject({ ar: answerText, fr: answerText, en: answerText })
  .meta({ id: 'CleanTrilingualAnswer' });

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
    question: trilingualQuestionInputSchema,
    answer: trilingualAnswerInputSchema,
    isPublished: z.boolean().default(false),
  })
  .meta({ id: 'CreateFaqEntryRequest' });

export const updateFaqEntryRequestSchema = z
  .strictObject({
    categoryId: z.uuid().nullable().optional(),
    unitId: z.uuid().nullable().optional(),
    question: trilingualQuestionInputSchema.optional(),
    answer: trilingualAnswerInputSchema.optional(),
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
  q: singleLineText(2, 300),
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
