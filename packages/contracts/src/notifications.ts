import { z } from 'zod';

/**
 * Staff in-app notifications (the bell) and the development SMS outbox. A notification names a
 * `template` (e.g. `case_assigned`, `deadline_warning`, `deadline_escalated`) that the web
 * translates, with small parameters in `data` (always the case's `reference`).
 */
export const staffNotificationSchema = z
  .strictObject({
    id: z.uuid(),
    caseId: z.uuid().nullable(),
    template: z.string(),
    data: z.record(z.string(), z.unknown()),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffNotification' });
export type StaffNotification = z.infer<typeof staffNotificationSchema>;

/** Query strings carry no schema id: the OpenAPI generator inlines them as parameters. */
export const staffNotificationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const staffNotificationListSchema = z
  .strictObject({ items: z.array(staffNotificationSchema), unreadCount: z.number().int().min(0) })
  .meta({ id: 'StaffNotificationList' });
export type StaffNotificationList = z.infer<typeof staffNotificationListSchema>;

/** Marks the given notifications read, or all of the caller's with `all: true`. */
export const markNotificationsReadRequestSchema = z
  .union([z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) }), z.strictObject({ all: z.literal(true) })])
  .meta({ id: 'MarkNotificationsReadRequest' });
export type MarkNotificationsReadRequest = z.infer<typeof markNotificationsReadRequestSchema>;

export const markNotificationsReadResponseSchema = z
  .strictObject({ updated: z.number().int().min(0), unreadCount: z.number().int().min(0) })
  .meta({ id: 'MarkNotificationsReadResponse' });

/** One text message of the development SMS outbox (only served when no SMS gateway is configured). */
export const devSmsMessageSchema = z
  .strictObject({ id: z.uuid(), to: z.string(), text: z.string(), createdAt: z.string() })
  .meta({ id: 'DevSmsMessage' });
export const devSmsResponseSchema = z
  .strictObject({ messages: z.array(devSmsMessageSchema) })
  .meta({ id: 'DevSmsResponse' });
