import {
  markNotificationsReadRequestSchema,
  markNotificationsReadResponseSchema,
  staffNotificationListSchema,
  staffNotificationsQuerySchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { listStaffNotifications, markStaffNotificationsRead } from './notifications/staff-notifications.ts';

/** /me/notifications: the staff bell (in-app notifications written by the case outbox job). */
export async function staffNotificationsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const security = [{ session: [], csrf: [] }];

  typed.get(
    '/me/notifications',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        security,
        summary: 'The signed-in staff member’s in-app notifications, newest first, with the unread count',
        querystring: staffNotificationsQuerySchema,
        response: { 200: staffNotificationListSchema },
      },
    },
    async (request) =>
      listStaffNotifications({
        ctx,
        actor: request.actor,
        limit: request.query.limit,
        unreadOnly: request.query.unreadOnly ?? false,
      }),
  );

  typed.post(
    '/me/notifications/read',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        security,
        summary: 'Mark some of one’s notifications read ({ ids }) or all of them ({ all: true })',
        body: markNotificationsReadRequestSchema,
        response: { 200: markNotificationsReadResponseSchema },
      },
    },
    async (request) => markStaffNotificationsRead({ ctx, actor: request.actor, request: request.body }),
  );
}
