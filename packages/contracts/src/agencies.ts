import { z } from 'zod';
import { emailSchema, fullNameSchema, roleAssignmentSchema } from './accounts.ts';
import { languageSchema, requestTypeSchema, roleScopeSchema, staffRoleSchema, unitKindSchema } from './enums.ts';
import { governorateSchema } from './governorates.ts';
import { singleLineText } from './text.ts';

/**
 * A name in each of ePeople's three languages, as responses carry it. Plain strings: a name
 * stored before the clean-text rule must still be readable, not fail the response.
 */
export const trilingualNameSchema = z
  .strictObject({ ar: z.string(), fr: z.string(), en: z.string() })
  .meta({ id: 'TrilingualName' });
export type TrilingualName = z.infer<typeof trilingualNameSchema>;

const nameText = singleLineText(1, 200);
/** A name as requests carry it: all three languages required, each clean text (docs/text-input.md). */
export const trilingualNameInputSchema = z
  .strictObject({ ar: nameText, fr: nameText, en: nameText })
  .meta({ id: 'CleanTrilingualName' });

/** Stable, human-readable identifier such as `min-health` or `cro-tn-61`. */
export const slugCodeSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(64);

export const idParamsSchema = z.strictObject({ id: z.uuid() });

// ---- Units -------------------------------------------------------------------------------

export const unitSchema = z
  .strictObject({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    kind: unitKindSchema,
    code: z.string(),
    name: trilingualNameSchema,
    governorate: governorateSchema.nullable(),
    isActive: z.boolean(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unitSchema>;
export const unitListSchema = z.strictObject({ units: z.array(unitSchema) }).meta({ id: 'UnitList' });

/**
 * `includeInactive=true` also lists deactivated units (or categories): a staff view, for
 * administrators and auditors; other callers get 401/403.
 */
export const includeInactiveQuerySchema = z.strictObject({ includeInactive: z.enum(['true', 'false']).optional() });
export const listUnitsQuerySchema = includeInactiveQuerySchema;

export const createUnitRequestSchema = z
  .strictObject({
    parentId: z.uuid().nullable(),
    kind: unitKindSchema,
    code: slugCodeSchema,
    name: trilingualNameInputSchema,
    governorate: governorateSchema.nullable().optional(),
  })
  .meta({ id: 'CreateUnitRequest' });

export const updateUnitRequestSchema = z
  .strictObject({
    parentId: z.uuid().nullable().optional(),
    name: trilingualNameInputSchema.optional(),
    governorate: governorateSchema.nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUnitRequest' });

// ---- Staff and role assignments ----------------------------------------------------------

export const staffMemberSchema = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    language: languageSchema,
    isActive: z.boolean(),
    secondFactorEnrolled: z.boolean(),
    roles: z.array(roleAssignmentSchema),
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const staffListSchema = z.strictObject({ staff: z.array(staffMemberSchema) }).meta({ id: 'StaffList' });

export const newRoleAssignmentSchema = z
  .strictObject({ role: staffRoleSchema, unitId: z.uuid(), scope: roleScopeSchema })
  .meta({ id: 'NewRoleAssignment' });

/**
 * The administrator never sets a staff member's password: the server e-mails a one-time code
 * with which the new staff member chooses a password (the reset flow), then enrols TOTP.
 */
export const createStaffRequestSchema = z
  .strictObject({
    email: emailSchema,
    fullName: fullNameSchema,
    language: languageSchema,
    roles: z.array(newRoleAssignmentSchema).min(1).max(20),
  })
  .meta({ id: 'CreateStaffRequest' });

export const updateStaffRequestSchema = z
  .strictObject({
    fullName: fullNameSchema.optional(),
    language: languageSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateStaffRequest' });

export const roleAssignmentParamsSchema = z.strictObject({ id: z.uuid(), assignmentId: z.uuid() });

// ---- Categories --------------------------------------------------------------------------

export const categorySchema = z
  .strictObject({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    name: trilingualNameSchema,
    isActive: z.boolean(),
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.strictObject({ categories: z.array(categorySchema) }).meta({ id: 'CategoryList' });
export const listCategoriesQuerySchema = includeInactiveQuerySchema;

export const createCategoryRequestSchema = z
  .strictObject({ parentId: z.uuid().nullable(), code: slugCodeSchema, name: trilingualNameInputSchema })
  .meta({ id: 'CreateCategoryRequest' });

export const updateCategoryRequestSchema = z
  .strictObject({
    parentId: z.uuid().nullable().optional(),
    name: trilingualNameInputSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'UpdateCategoryRequest' });

// ---- Routing rules -----------------------------------------------------------------------

/** A null criterion matches anything; the rule matching the most criteria wins. */
export const routingRuleSchema = z
  .strictObject({
    id: z.uuid(),
    requestType: requestTypeSchema.nullable(),
    categoryId: z.uuid().nullable(),
    governorate: governorateSchema.nullable(),
    unitId: z.uuid(),
  })
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof routingRuleSchema>;
export const routingRuleListSchema = z
  .strictObject({ rules: z.array(routingRuleSchema) })
  .meta({ id: 'RoutingRuleList' });

export const createRoutingRuleRequestSchema = z
  .strictObject({
    requestType: requestTypeSchema.nullable(),
    categoryId: z.uuid().nullable(),
    governorate: governorateSchema.nullable(),
    unitId: z.uuid(),
  })
  .meta({ id: 'CreateRoutingRuleRequest' });

export const updateRoutingRuleRequestSchema = z
  .strictObject({ unitId: z.uuid() })
  .meta({ id: 'UpdateRoutingRuleRequest' });

export const resolveRouteQuerySchema = z.strictObject({
  requestType: requestTypeSchema,
  categoryId: z.uuid().optional(),
  governorate: governorateSchema.optional(),
});

/** Where a case with these facts would land, and which rule decided (null: central triage). */
export const routeResolutionSchema = z
  .strictObject({ unitId: z.uuid(), ruleId: z.uuid().nullable(), isTriage: z.boolean() })
  .meta({ id: 'RouteResolution' });
