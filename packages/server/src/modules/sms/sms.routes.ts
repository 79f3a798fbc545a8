import { devSmsResponseSchema } from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { createSmsRepository } from './sms.repository.ts';

const OUTBOX_SIZE = 50;

/**
 * The development SMS outbox: with no SMS gateway configured, text messages stay in the
 * database and this route shows them (like /dev/mailbox for e-mail). It does not exist in
 * production or when a gateway is configured (it would show other people's access codes).
 */
export async function smsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  if (ctx.config.isProduction || ctx.config.SMS_GATEWAY_URL) return;
  const repository = createSmsRepository({ db: ctx.database.db });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/dev/sms',
    {
      schema: {
        openapi: { problems: ['common.route_not_found'] },
        tags: ['development'],
        summary: 'Text messages kept instead of sent (development only, no SMS gateway configured)',
        response: { 200: devSmsResponseSchema },
      },
    },
    async () => {
      const rows = await repository.listRecent(OUTBOX_SIZE);
      return {
        messages: rows.map((row) => ({
          id: row.id,
          to: row.recipient,
          text: row.body,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  );
}
