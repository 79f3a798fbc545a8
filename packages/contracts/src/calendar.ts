import { z } from 'zod';
import { trilingualNameInputSchema, trilingualNameSchema } from './agencies.ts';
import { requestTypeSchema } from './enums.ts';

// ---- Holidays ----------------------------------------------------------------------------

export const HOLIDAY_KINDS = ['fixed', 'islamic', 'exceptional'] as const;
export const holidayKindSchema = z.enum(HOLIDAY_KINDS);
export type HolidayKind = z.infer<typeof holidayKindSchema>;

/** A calendar date without time, `YYYY-MM-DD`, that exists (no 31 February). */
export const isoDateSchema = z.iso.date();

/** Years the working calendar holds. */
export const calendarYearSchema = z.coerce.number().int().min(2000).max(2100);

export const holidaySchema = z
  .strictObject({
    id: z.uuid(),
    year: z.number().int(),
    code: z.string(),
    date: isoDateSchema,
    kind: holidayKindSchema,
    name: trilingualNameSchema,
    /** Islamic holidays are computed, then confirmed (or moved) by an administrator. */
    confirmed: z.boolean(),
    /** A cancelled holiday is kept (so it is not seeded again) but is a working day. */
    isActive: z.boolean(),
  })
  .meta({ id: 'Holiday' });
export type Holiday = z.infer<typeof holidaySchema>;

export const holidayListSchema = z
  .strictObject({ year: z.number().int(), holidays: z.array(holidaySchema) })
  .meta({ id: 'HolidayList' });

export const listHolidaysQuerySchema = z.strictObject({ year: calendarYearSchema.optional() });

/** An exceptional day off (e.g. decreed for an event): confirmed at once. */
export const createHolidayRequestSchema = z
  .strictObject({ date: isoDateSchema, name: trilingualNameInputSchema })
  .meta({ id: 'CreateHolidayRequest' });

/** Confirm or move a holiday (within its year), rename it, or cancel it. */
export const updateHolidayRequestSchema = z
  .strictObject({
    date: isoDateSchema.optional(),
    confirmed: z.boolean().optional(),
    isActive: z.boolean().optional(),
    name: trilingualNameInputSchema.optional(),
  })
  .meta({ id: 'UpdateHolidayRequest' });

// ---- Deadline settings -------------------------------------------------------------------

export const DAY_KINDS = ['working', 'calendar'] as const;
export const dayKindSchema = z.enum(DAY_KINDS);
export type DayKind = z.infer<typeof dayKindSchema>;

/** Only the notice has an acknowledgement deadline; every type has an answer deadline. */
export const DEADLINE_MILESTONES = ['acknowledge', 'answer'] as const;
export const deadlineMilestoneSchema = z.enum(DEADLINE_MILESTONES);
export type DeadlineMilestone = z.infer<typeof deadlineMilestoneSchema>;

/** How the time is counted: 5 working days or less in working hours, longer in days. */
export const DEADLINE_MEASURES = ['working_hours', 'working_days', 'calendar_days'] as const;
export const deadlineMeasureSchema = z.enum(DEADLINE_MEASURES);
export type DeadlineMeasure = z.infer<typeof deadlineMeasureSchema>;

export const deadlineDaysSchema = z.number().int().min(1).max(365);

export const deadlineDefaultSchema = z
  .strictObject({
    requestType: requestTypeSchema,
    milestone: deadlineMilestoneSchema,
    days: z.number().int(),
    dayKind: dayKindSchema,
    measure: deadlineMeasureSchema,
  })
  .meta({ id: 'DeadlineDefault' });

export const deadlineSettingSchema = z
  .strictObject({
    id: z.uuid(),
    /** null: the national rule; else this unit and the units below it (the nearest wins). */
    unitId: z.uuid().nullable(),
    requestType: requestTypeSchema,
    milestone: deadlineMilestoneSchema,
    days: z.number().int(),
    dayKind: dayKindSchema,
    measure: deadlineMeasureSchema,
  })
  .meta({ id: 'DeadlineSetting' });
export type DeadlineSetting = z.infer<typeof deadlineSettingSchema>;

export const deadlineSettingsListSchema = z
  .strictObject({ defaults: z.array(deadlineDefaultSchema), overrides: z.array(deadlineSettingSchema) })
  .meta({ id: 'DeadlineSettingsList' });

export const listDeadlineSettingsQuerySchema = z.strictObject({ unitId: z.uuid().optional() });

export const putDeadlineSettingRequestSchema = z
  .strictObject({
    unitId: z.uuid().nullable(),
    requestType: requestTypeSchema,
    milestone: deadlineMilestoneSchema,
    days: deadlineDaysSchema,
    dayKind: dayKindSchema,
  })
  .meta({ id: 'PutDeadlineSettingRequest' });
