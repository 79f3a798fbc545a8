import type { MarkNotificationsReadRequest, StaffNotificationList } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { requireStaff } from '../../accounts/index.ts';
import { caseReachOf } from '../handling/cases.inbox.ts';
import { createCaseNotificationsRepository } from './case-notifications.repository.ts';

/**
 * The signed-in staff member's bell: their in-app notifications, newest first, and the unread
 * count, about cases they may still see (docs/access-control.md: assignment vs roles).
 */
export async function listStaffNotifications({
  ctx,
  actor,
  limit,
  unreadOnly,
}: {
  ctx: AppContext;
  actor: Actor;
  limit: number;
  unreadOnly: boolean;
}): Promise<StaffNotificationList> {
  requireStaff(actor);
  const db = ctx.database.db;
  const repository = createCaseNotificationsRepository({ db });
  const reach = await caseReachOf(db, actor);
  const [rows, unreadCount] = await Promise.all([
    repository.listStaffNotifications(actor.userId, { limit, unreadOnly, reach }),
    repository.countUnreadStaffNotifications(actor.userId, reach),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      caseId: row.caseId,
      template: row.template,
      data: row.data,
      readAt: row.readAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    unreadCount,
  };
}

/** Marks some (or all) of one's own notifications read; others' ids are silently ignored. */
export async function markStaffNotificationsRead({
  ctx,
  actor,
  request,
}: {
  ctx: AppContext;
  actor: Actor;
  request: MarkNotificationsReadRequest;
}): Promise<{ updated: number; unreadCount: number }> {
  requireStaff(actor);
  const db = ctx.database.db;
  const repository = createCaseNotificationsRepository({ db });
  const ids = 'all' in request ? 'all' : request.ids;
  const updated = await repository.markStaffNotificationsRead(actor.userId, ids, ctx.now());
  return {
    updated,
    unreadCount: await repository.countUnreadStaffNotifications(actor.userId, await caseReachOf(db, actor)),
  };
}
