import { z } from 'zod';
import { caseOutcomeSchema } from './cases.ts';
import { requestTypeSchema } from './enums.ts';

const templateBody = z
  .string()
  .trim()
  .min(1)
  .max(20_000)
  .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, 'must not contain control characters');
const templateTitle = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const trilingualTemplateBodySchema = z
  .strictObject({ ar: templateBody, fr: templateBody, en: templateBody })
  .meta({ id: 'TrilingualTemplateBody' });

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
    body: trilingualTemplateBodySchema,
  })
  .meta({ id: 'CreateAnswerTemplateRequest' });
export type CreateAnswerTemplateRequest = z.infer<typeof createAnswerTemplateRequestSchema>;

export const updateAnswerTemplateRequestSchema = z
  .strictObject({
    requestType: requestTypeSchema.nullable().optional(),
    outcome: caseOutcomeSchema.nullable().optional(),
    title: templateTitle.optional(),
    body: trilingualTemplateBodySchema.optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateAnswerTemplateRequest' });
export type UpdateAnswerTemplateRequest = z.infer<typeof updateAnswerTemplateRequestSchema>;
