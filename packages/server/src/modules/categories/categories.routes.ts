import {
  categoryListSchema,
  categorySchema,
  createCategoryRequestSchema,
  idParamsSchema,
  listCategoriesQuerySchema,
  updateCategoryRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { toCategoryDto } from './categories.presenter.ts';
import { createCategory, listCategories, updateCategory } from './categories.usecases.ts';

/** GET /categories (public), POST /admin/categories, PATCH /admin/categories/{id}. */
export async function categoriesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['categories'];
  const db = ctx.database.db;

  typed.get(
    '/categories',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Active categories (public); with includeInactive=true also deactivated ones (staff)',
        querystring: listCategoriesQuerySchema,
        response: { 200: categoryListSchema },
      },
    },
    async (request) => {
      const categories = await listCategories({
        db,
        actor: request.actor,
        includeInactive: request.query.includeInactive === 'true',
      });
      return { categories: categories.map(toCategoryDto) };
    },
  );

  typed.post(
    '/admin/categories',
    {
      schema: {
        openapi: {
          problems: [
            'categories.parent_not_found',
            'categories.code_taken',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Create a category',
        body: createCategoryRequestSchema,
        response: { 201: categorySchema },
      },
    },
    async (request, reply) => {
      const category = await createCategory({ db, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toCategoryDto(category));
    },
  );

  typed.patch(
    '/admin/categories/:id',
    {
      schema: {
        openapi: {
          problems: [
            'categories.not_found',
            'categories.parent_not_found',
            'categories.parent_cycle',
            'categories.code_taken',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Rename, move, (de)activate a category',
        params: idParamsSchema,
        body: updateCategoryRequestSchema,
        response: { 200: categorySchema },
      },
    },
    async (request) => {
      const category = await updateCategory({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return toCategoryDto(category);
    },
  );
}
