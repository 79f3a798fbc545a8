import { devMailboxResponseSchema } from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { createMailRepository } from './mail.repository.ts';

const MAILBOX_SIZE = 50;

/**
 * The development mailbox: with no SMTP server configured, e-mails stay in the outbox and this
 * page shows them, so a developer can finish registering on their own machine. It does not
 * exist in production or when real e-mail is sent (it would show other people's codes).
 */
export async function mailRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  if (ctx.config.isProduction || ctx.mailTransport.kind !== 'keep') return;
  const repository = createMailRepository({ db: ctx.database.db });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/dev/mailbox',
    {
      schema: {
        openapi: { problems: ['common.route_not_found'] },
        tags: ['development'],
        summary: 'E-mails kept instead of sent (development only, no SMTP configured)',
        response: { 200: devMailboxResponseSchema },
      },
    },
    async () => {
      const rows = await repository.listRecent(MAILBOX_SIZE);
      return { messages: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
    },
  );
}
