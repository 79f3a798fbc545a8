import {
  createHolidayRequestSchema,
  deadlineSettingSchema,
  deadlineSettingsListSchema,
  holidayListSchema,
  holidaySchema,
  idParamsSchema,
  listDeadlineSettingsQuerySchema,
  listHolidaysQuerySchema,
  putDeadlineSettingRequestSchema,
  updateHolidayRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { toDeadlineSettingDto, toHolidayDto } from './calendar.presenter.ts';
import { localDayOf, yearOfDay } from './calendar.time-zone.ts';
import {
  deadlineDefaults,
  deleteDeadlineSetting,
  listDeadlineSettings,
  putDeadlineSetting,
} from './deadline-settings.usecases.ts';
import { createHoliday, listHolidays, updateHoliday } from './holidays.usecases.ts';

/**
 * GET /calendar/holidays (public); POST, PATCH /admin/holidays;
 * GET, PUT /admin/deadline-settings and DELETE /admin/deadline-settings/{id}.
 */
export async function calendarRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const db = ctx.database.db;
  const currentYear = () => yearOfDay(localDayOf(ctx.now().getTime(), ctx.config.CALENDAR_TIME_ZONE));

  typed.get(
    '/calendar/holidays',
    {
      schema: {
        tags,
        summary: 'Public holidays of a year (default: the current one), with their confirmation state',
        querystring: listHolidaysQuerySchema,
        response: { 200: holidayListSchema },
      },
    },
    async (request) => {
      const year = request.query.year ?? currentYear();
      const holidays = await listHolidays({ db, year });
      return { year, holidays: holidays.map(toHolidayDto) };
    },
  );

  typed.post(
    '/admin/holidays',
    {
      schema: {
        openapi: { problems: ['calendar.holiday_exists', 'common.unauthenticated'] },
        tags,
        summary: 'Add an exceptional holiday',
        body: createHolidayRequestSchema,
        response: { 201: holidaySchema },
      },
    },
    async (request, reply) => {
      const holiday = await createHoliday({ db, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toHolidayDto(holiday));
    },
  );

  typed.patch(
    '/admin/holidays/:id',
    {
      schema: {
        openapi: {
          problems: [
            'calendar.holiday_not_found',
            'calendar.holiday_outside_year',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Confirm or move a holiday within its year, rename or cancel it',
        params: idParamsSchema,
        body: updateHolidayRequestSchema,
        response: { 200: holidaySchema },
      },
    },
    async (request) => {
      const holiday = await updateHoliday({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return toHolidayDto(holiday);
    },
  );

  typed.get(
    '/admin/deadline-settings',
    {
      schema: {
        openapi: { problems: ['calendar.unit_not_found', 'common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Default deadlines and the overrides (with unitId: those that can apply to that unit)',
        querystring: listDeadlineSettingsQuerySchema,
        response: { 200: deadlineSettingsListSchema },
      },
    },
    async (request) => {
      const overrides = await listDeadlineSettings({ db, actor: request.actor, unitId: request.query.unitId });
      return { defaults: deadlineDefaults(), overrides: overrides.map(toDeadlineSettingDto) };
    },
  );

  typed.put(
    '/admin/deadline-settings',
    {
      schema: {
        openapi: {
          problems: [
            'calendar.milestone_not_applicable',
            'calendar.unit_not_found',
            'common.forbidden',
            'common.unauthenticated',
          ],
        },
        tags,
        summary: 'Set the deadline of a request type, nationally (unitId null) or for a unit and below',
        body: putDeadlineSettingRequestSchema,
        response: { 200: deadlineSettingSchema },
      },
    },
    async (request) => {
      const setting = await putDeadlineSetting({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        input: request.body,
      });
      return toDeadlineSettingDto(setting);
    },
  );

  typed.delete(
    '/admin/deadline-settings/:id',
    {
      schema: {
        openapi: { problems: ['calendar.deadline_setting_not_found', 'common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Remove a deadline override (the default or a wider override applies again)',
        params: idParamsSchema,
        response: { 204: z.null().describe('No content') },
      },
    },
    async (request, reply) => {
      await deleteDeadlineSetting({ db, actor: request.actor, requestId: request.id, id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
