import { z } from 'zod';

/** The three languages of ePeople; Arabic is the default and is written right to left. */
export const LANGUAGES = ['ar', 'fr', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
export const DEFAULT_LANGUAGE: Language = 'ar';
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

/** The four request types of docs/PRODUCT.md §4. */
export const REQUEST_TYPES = ['petition', 'guidance', 'suggestion', 'notice'] as const;
export const requestTypeSchema = z.enum(REQUEST_TYPES);
export type RequestType = z.infer<typeof requestTypeSchema>;

/** Staff roles of docs/PRODUCT.md §2; citizens and guests hold no role assignment. */
export const STAFF_ROLES = [
  'officer',
  'supervisor',
  'agency_admin',
  'central_office',
  'moderator',
  'auditor',
  'system_admin',
] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** How far a role assignment reaches from the unit it is held in. */
export const ROLE_SCOPES = ['unit', 'subtree', 'all'] as const;
export const roleScopeSchema = z.enum(ROLE_SCOPES);
export type RoleScope = z.infer<typeof roleScopeSchema>;

export const UNIT_KINDS = [
  'central_office',
  'ministry',
  'directorate',
  'governorate',
  'municipality',
  'public_body',
  'citizen_relations_office',
] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const ACCOUNT_KINDS = ['citizen', 'staff'] as const;
export const accountKindSchema = z.enum(ACCOUNT_KINDS);
export type AccountKind = z.infer<typeof accountKindSchema>;
