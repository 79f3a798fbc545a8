import {
  createRoutingRuleRequestSchema,
  idParamsSchema,
  resolveRouteQuerySchema,
  routeResolutionSchema,
  routingRuleListSchema,
  routingRuleSchema,
  updateRoutingRuleRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { toRoutingRuleDto } from './routing.presenter.ts';
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  previewRoute,
  updateRoutingRule,
} from './routing.usecases.ts';

const noContent = z.null().describe('No content');

/** /admin/routing-rules (list, create, retarget, delete) and /routing/resolve (staff preview). */
export async function routingRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['routing'];
  const db = ctx.database.db;

  typed.get(
    '/admin/routing-rules',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Routing rules',
        response: { 200: routingRuleListSchema },
      },
    },
    async (request) => ({ rules: (await listRoutingRules({ db, actor: request.actor })).map(toRoutingRuleDto) }),
  );

  typed.post(
    '/admin/routing-rules',
    {
      schema: {
        openapi: {
          problems: [
            'common.forbidden',
            'common.unauthenticated',
            'routing.unit_not_found',
            'routing.category_not_found',
            'routing.rule_exists',
            'routing.rule_beyond_reach',
          ],
        },
        tags,
        summary: 'Create a routing rule (null criteria match anything)',
        body: createRoutingRuleRequestSchema,
        response: { 201: routingRuleSchema },
      },
    },
    async (request, reply) => {
      const rule = await createRoutingRule({ db, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toRoutingRuleDto(rule));
    },
  );

  typed.patch(
    '/admin/routing-rules/:id',
    {
      schema: {
        openapi: {
          problems: [
            'common.forbidden',
            'common.unauthenticated',
            'routing.rule_not_found',
            'routing.unit_not_found',
            'routing.category_not_found',
            'routing.rule_exists',
            'routing.rule_beyond_reach',
          ],
        },
        tags,
        summary: 'Send the cases of a rule to another unit',
        params: idParamsSchema,
        body: updateRoutingRuleRequestSchema,
        response: { 200: routingRuleSchema },
      },
    },
    async (request) => {
      const rule = await updateRoutingRule({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        unitId: request.body.unitId,
      });
      return toRoutingRuleDto(rule);
    },
  );

  typed.delete(
    '/admin/routing-rules/:id',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated', 'routing.rule_not_found'] },
        tags,
        summary: 'Delete a routing rule',
        params: idParamsSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteRoutingRule({ db, actor: request.actor, requestId: request.id, id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  typed.get(
    '/routing/resolve',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Where a case with these facts would land (staff preview)',
        querystring: resolveRouteQuerySchema,
        response: { 200: routeResolutionSchema },
      },
    },
    async (request) => previewRoute({ db, actor: request.actor, query: request.query }),
  );
}
