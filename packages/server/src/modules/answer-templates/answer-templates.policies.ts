import type { PolicyTable } from '../units/index.ts';

export type AnswerTemplateAction = 'read' | 'manage';

/**
 * Agency admins keep their units' templates; handlers read the templates of the units they
 * handle; the central office and system administrators everywhere.
 */
export const ANSWER_TEMPLATE_POLICY: PolicyTable<AnswerTemplateAction> = {
  system_admin: { read: 'anywhere', manage: 'anywhere' },
  central_office: { read: 'anywhere', manage: 'anywhere' },
  agency_admin: { read: 'in_reach', manage: 'in_reach' },
  supervisor: { read: 'in_reach' },
  officer: { read: 'in_reach' },
};
