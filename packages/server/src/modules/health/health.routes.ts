import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { createHealthRepository } from './health.repository.ts';

const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });
const readySchema = z
  .strictObject({ status: z.enum(['ready', 'not_ready']), database: z.enum(['ok', 'unreachable', 'migrating']) })
  .meta({ id: 'Readiness' });

/** `/api/health`: the process answers. `/api/ready`: it can serve (database reachable, migrated). */
export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const repository = createHealthRepository({ database: ctx.database });
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        description: 'Answers 200 while the process serves requests; says nothing of its dependencies.',
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  typed.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness',
        description: 'Answers 200 when the database and the job queue are reachable, 503 with what is not otherwise.',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      try {
        const { pendingMigrations } = await repository.readDatabaseState();
        if (pendingMigrations > 0) return reply.status(503).send({ status: 'not_ready', database: 'migrating' });
        return { status: 'ready' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'not_ready', database: 'unreachable' });
      }
    },
  );
}
