import {
  answerTemplateListSchema,
  answerTemplateSchema,
  createAnswerTemplateRequestSchema,
  idParamsSchema,
  listAnswerTemplatesQuerySchema,
  updateAnswerTemplateRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { toAnswerTemplateDto } from './answer-templates.presenter.ts';
import { changeAnswerTemplate, createAnswerTemplate, listAnswerTemplates } from './answer-templates.usecases.ts';

/** GET /answer-templates (handlers of the unit); POST, PATCH, DELETE /admin/answer-templates. */
export async function answerTemplatesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['answer-templates'];

  typed.get(
    '/answer-templates',
    {
      schema: {
        openapi: { problems: ['answer_templates.unit_not_found', 'common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'The answer templates offered to a unit (its own and its ancestors’)',
        querystring: listAnswerTemplatesQuerySchema,
        response: { 200: answerTemplateListSchema },
      },
    },
    async (request) => {
      const rows = await listAnswerTemplates({
        ctx,
        actor: request.actor,
        unitId: request.query.unitId,
        requestType: request.query.requestType,
        includeInactive: request.query.includeInactive === 'true',
      });
      return { templates: rows.map(toAnswerTemplateDto) };
    },
  );

  typed.post(
    '/admin/answer-templates',
    {
      schema: {
        openapi: {
          problems: [
            'answer_templates.unit_not_found',
            'cases.outcome_not_for_type',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Add an answer template to a unit (agency admin)',
        body: createAnswerTemplateRequestSchema,
        response: { 201: answerTemplateSchema },
      },
    },
    async (request, reply) => {
      const row = await createAnswerTemplate({ ctx, actor: request.actor, input: request.body, requestId: request.id });
      return reply.code(201).send(toAnswerTemplateDto(row));
    },
  );

  typed.patch(
    '/admin/answer-templates/:id',
    {
      schema: {
        openapi: {
          problems: [
            'answer_templates.not_found',
            'cases.outcome_not_for_type',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Edit an answer template',
        params: idParamsSchema,
        body: updateAnswerTemplateRequestSchema,
        response: { 200: answerTemplateSchema },
      },
    },
    async (request) => {
      const row = await changeAnswerTemplate({
        ctx,
        actor: request.actor,
        id: request.params.id,
        input: request.body,
        requestId: request.id,
      });
      if (!row) throw new Error('an edited template vanished');
      return toAnswerTemplateDto(row);
    },
  );

  typed.delete(
    '/admin/answer-templates/:id',
    {
      schema: {
        openapi: { problems: ['answer_templates.not_found', 'common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Delete an answer template',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changeAnswerTemplate({
        ctx,
        actor: request.actor,
        id: request.params.id,
        remove: true,
        requestId: request.id,
      });
      return reply.code(204).send(null);
    },
  );
}
