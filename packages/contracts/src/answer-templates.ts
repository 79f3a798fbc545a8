import { z } from 'zod';
import { caseOutcomeSchema } from './cases.ts';
import { requestTypeSchema } from './enums.ts';
import { multiLineText, singleLineText } from './text.ts';

/** Clean text (docs/text-input.md): a body may run over several lines, a title may not. */
const templateBody = multiLineText(1, 20_000);
const templateTitle = singleLineText(1, 200);

/** As responses carry it: plain strings, so a template stored before the clean-text rule stays readable. */
export const trilingualTemplateBodySchema = z
  .strictObject({ ar: z.string(), fr: z.string(), en: z.string() })
  .meta({ id: 'TrilingualTemplateBody' });
export const trilingualTemplateBodyInputSchema = z
  .strictObject({ ar: templateBody, fr: templateBody, en: templateBody })
  .meta({ id: 'CleanTrilingualTemplateBody' });

/** A unit's model answer; handlers of the unit and of the units below it may start a draft from it. */
export const answerTemplateSchema = z
  .strictObject({
    id: z.uuid(),
    unitId: z.uuid(),
    /** Null: for every request type. */
    requestType: requestTypeSchema.nullable(),
    outcome: caseOutcomeSchema.nullable(),
    title: z.string(),
    body: trilingualTemplateBodySchema,
    isActive: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AnswerTemplate' });
export type AnswerTemplateDto = z.infer<typeof answerTemplateSchema>;

export const answerTemplateListSchema = z
  .strictObject({ templates: z.array(answerTemplateSchema) })
  .meta({ id: 'AnswerTemplateList' });

/** The templates offered for a unit: its own and its ancestors', active only unless asked. */
export const listAnswerTemplatesQuerySchema = z.strictObject({
  unitId: z.uuid(),
  requestType: requestTypeSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const createAnswerTemplateRequestSchema = z
  .strictObject({
    unitId: z.uuid(),
    requestType: requestTypeSchema.nullable().default(null),
    outcome: caseOutcomeSchema.nullable().default(null),
    title: templateTitle,
    body: trilingualTemplateBodyInputSchema,
  })
  .meta({ id: 'CreateAnswerTemplateRequest' });
export type CreateAnswerTemplateRequest = z.infer<typeof createAnswerTemplateRequestSchema>;

export const updateAnswerTemplateRequestSchema = z
  .strictObject({
    requestType: requestTypeSchema.nullable().optional(),
    outcome: caseOutcomeSchema.nullable().optional(),
    title: templateTitle.optional(),
    body: trilingualTemplateBodyInputSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateAnswerTemplateRequest' });
export type UpdateAnswerTemplateRequest = z.infer<typeof updateAnswerTemplateRequestSchema>;
