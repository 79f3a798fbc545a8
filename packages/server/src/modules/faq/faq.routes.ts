import {
  createFaqEntryRequestSchema,
  faqEntrySchema,
  faqListSchema,
  idParamsSchema,
  listFaqQuerySchema,
  searchSimilarEndpoint,
  updateFaqEntryRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { endpointSchema } from '../../http/endpoint-route.ts';
import { toFaqEntryDto, toSimilarCaseDto, toSimilarFaqDto } from './faq.presenter.ts';
import { createFaqEntry, listFaqForStaff, listPublishedFaq, searchSimilar, updateFaqEntry } from './faq.usecases.ts';

/** GET /faq, GET /search/similar (public); GET/POST /admin/faq, PATCH /admin/faq/{id} (staff). */
export async function faqRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['faq'];
  const db = ctx.database.db;

  typed.get(
    '/faq',
    {
      schema: {
        tags,
        summary: 'Published FAQ entries',
        querystring: listFaqQuerySchema,
        response: { 200: faqListSchema },
      },
    },
    async (request) => {
      const entries = await listPublishedFaq({ db, categoryId: request.query.categoryId });
      return { entries: entries.map(toFaqEntryDto) };
    },
  );

  typed.get(
    searchSimilarEndpoint.path,
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: endpointSchema(searchSimilarEndpoint, tags),
    },
    async (request) => {
      const { faq, cases } = await searchSimilar({
        db,
        query: request.query.q,
        type: request.query.type,
        categoryId: request.query.categoryId,
      });
      return { faq: faq.map(toSimilarFaqDto), cases: cases.map(toSimilarCaseDto) };
    },
  );

  typed.get(
    '/admin/faq',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'FAQ entries this staff member keeps (unpublished ones included)',
        querystring: listFaqQuerySchema,
        response: { 200: faqListSchema },
      },
    },
    async (request) => {
      const entries = await listFaqForStaff({
        db,
        actor: request.actor,
        ...(request.query.categoryId ? { categoryId: request.query.categoryId } : {}),
        ...(request.query.unitId ? { unitId: request.query.unitId } : {}),
      });
      return { entries: entries.map(toFaqEntryDto) };
    },
  );

  typed.post(
    '/admin/faq',
    {
      schema: {
        openapi: {
          problems: ['common.forbidden', 'common.unauthenticated', 'faq.category_not_found', 'faq.unit_not_found'],
        },
        tags,
        summary: 'Create a FAQ entry',
        body: createFaqEntryRequestSchema,
        response: { 201: faqEntrySchema },
      },
    },
    async (request, reply) => {
      const entry = await createFaqEntry({ db, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toFaqEntryDto(entry));
    },
  );

  typed.patch(
    '/admin/faq/:id',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated', 'faq.not_found'] },
        tags,
        summary: 'Edit, move, publish or unpublish a FAQ entry',
        params: idParamsSchema,
        body: updateFaqEntryRequestSchema,
        response: { 200: faqEntrySchema },
      },
    },
    async (request) => {
      const entry = await updateFaqEntry({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return toFaqEntryDto(entry);
    },
  );
}
