import type { Actor } from '../../auth/actor.ts';
import { isAllowedByTable, type PolicyTable } from '../units/index.ts';

/**
 * The category tree is national taxonomy: kept by the central office (and system administrators),
 * never by an agency. Active categories are public; `list_inactive` is the staff view.
 */
export type CategoryAction = 'list_inactive' | 'manage';

export const CATEGORY_POLICY: PolicyTable<CategoryAction> = {
  system_admin: { list_inactive: 'anywhere', manage: 'anywhere' },
  central_office: { list_inactive: 'anywhere', manage: 'anywhere' },
  agency_admin: { list_inactive: 'anywhere' },
  auditor: { list_inactive: 'anywhere' },
};

export function can(actor: Actor, action: CategoryAction): boolean {
  return isAllowedByTable(actor, CATEGORY_POLICY, action);
}
