import {
  createUnitRequestSchema,
  idParamsSchema,
  listUnitsQuerySchema,
  unitListSchema,
  unitSchema,
  updateUnitRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { toUnitDto } from './units.presenter.ts';
import { createUnit, listUnits, updateUnit } from './units.usecases.ts';

/** GET /units (public), POST /admin/units, PATCH /admin/units/{id}. */
export async function unitsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  const db = ctx.database.db;

  typed.get(
    '/units',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Active units (public); with includeInactive=true also deactivated ones (administrators, auditors)',
        querystring: listUnitsQuerySchema,
        response: { 200: unitListSchema },
      },
    },
    async (request) => {
      const units = await listUnits({
        db,
        actor: request.actor,
        includeInactive: request.query.includeInactive === 'true',
      });
      return { units: units.map(toUnitDto) };
    },
  );

  typed.post(
    '/admin/units',
    {
      schema: {
        openapi: {
          problems: ['common.forbidden', 'common.unauthenticated', 'units.parent_not_found', 'units.code_taken'],
        },
        tags,
        summary: 'Create a unit',
        body: createUnitRequestSchema,
        response: { 201: unitSchema },
      },
    },
    async (request, reply) => {
      const unit = await createUnit({ db, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toUnitDto(unit));
    },
  );

  typed.patch(
    '/admin/units/:id',
    {
      schema: {
        openapi: {
          problems: [
            'common.forbidden',
            'common.unauthenticated',
            'units.not_found',
            'units.parent_not_found',
            'units.parent_cycle',
            'units.code_taken',
          ],
        },
        tags,
        summary: 'Rename, move, (de)activate a unit',
        params: idParamsSchema,
        body: updateUnitRequestSchema,
        response: { 200: unitSchema },
      },
    },
    async (request) => {
      const unit = await updateUnit({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return toUnitDto(unit);
    },
  );
}
