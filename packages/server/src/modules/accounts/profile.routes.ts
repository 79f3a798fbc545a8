import {
  changePasswordRequestSchema,
  currentUserSchema,
  deleteAccountRequestSchema,
  updateProfileRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { clearSessionCookie } from './accounts.cookies.ts';
import { unauthenticatedError } from './accounts.errors.ts';
import { changePassword, deleteOwnAccount, getCurrentUser, updateProfile } from './usecases/manage-profile.ts';

const noContent = z.null().describe('No content');

/** /me: the signed-in person's own account. */
export async function profileRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const security = [{ session: [], csrf: [] }];
  // Both password confirmations are also limited per account (accounts.attempts.ts).
  const rateLimit = { rateLimit: { max: ctx.config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } };

  typed.get(
    '/me',
    {
      schema: {
        openapi: { problems: ['common.unauthenticated'] },
        tags,
        security,
        summary: 'The signed-in account',
        response: { 200: currentUserSchema },
      },
    },
    async (request) => getCurrentUser({ ctx, actor: request.actor }),
  );

  typed.patch(
    '/me',
    {
      schema: {
        openapi: {
          problems: [
            'accounts.sms_needs_phone',
            'accounts.notification_channel_required',
            'common.unauthenticated',
            'contact.phone_country_not_allowed',
          ],
        },
        tags,
        security,
        summary: 'Edit name, phone, governorate, language or notification channels',
        body: updateProfileRequestSchema,
        response: { 200: currentUserSchema },
      },
    },
    async (request) => updateProfile({ ctx, actor: request.actor, changes: request.body, requestId: request.id }),
  );

  typed.post(
    '/me/password',
    {
      config: rateLimit,
      schema: {
        openapi: {
          problems: [
            'accounts.password_too_common',
            'accounts.too_many_attempts',
            'accounts.wrong_password',
            'common.unauthenticated',
          ],
        },
        tags,
        security,
        summary: 'Change the password; ends the account’s other sessions',
        body: changePasswordRequestSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (!request.session) throw unauthenticatedError();
      await changePassword({
        ctx,
        actor: request.actor,
        sessionId: request.session.id,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        requestId: request.id,
      });
      return reply.status(204).send(null);
    },
  );

  typed.delete(
    '/me',
    {
      config: rateLimit,
      schema: {
        openapi: {
          problems: [
            'accounts.staff_cannot_self_delete',
            'accounts.too_many_attempts',
            'accounts.wrong_password',
            'common.unauthenticated',
          ],
        },
        tags,
        security,
        summary: 'Delete one’s citizen account (anonymised; the address may register again)',
        body: deleteAccountRequestSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteOwnAccount({ ctx, actor: request.actor, password: request.body.password, requestId: request.id });
      clearSessionCookie(reply, ctx.config);
      return reply.status(204).send(null);
    },
  );
}
