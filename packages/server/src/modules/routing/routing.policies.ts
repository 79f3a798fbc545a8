import type { Actor } from '../../auth/actor.ts';
import { isAllowedByTable, type PolicyTable, type UnitPath } from '../units/index.ts';

/**
 * Routing rules decide which unit receives a new case.
 * - list: read the rules (administrators, and auditors read-only);
 * - manage: create, retarget or delete a rule; the targets are the rule's unit before and
 *   after the change, so an agency admin only moves cases into or out of units they reach;
 * - resolve: preview where a case would land (any staff member).
 */
export type RoutingAction = 'list' | 'manage' | 'resolve';

export const ROUTING_POLICY: PolicyTable<RoutingAction> = {
  system_admin: { list: 'anywhere', manage: 'anywhere', resolve: 'anywhere' },
  central_office: { list: 'anywhere', manage: 'anywhere', resolve: 'anywhere' },
  agency_admin: { list: 'anywhere', manage: 'in_reach', resolve: 'anywhere' },
  auditor: { list: 'anywhere', resolve: 'anywhere' },
  supervisor: { resolve: 'anywhere' },
  officer: { resolve: 'anywhere' },
  moderator: { resolve: 'anywhere' },
};

export interface RoutingTarget {
  /** The units the rule points to before and/or after the change, as paths. */
  units: readonly UnitPath[];
}

export function can(actor: Actor, action: RoutingAction, target: RoutingTarget = { units: [] }): boolean {
  return isAllowedByTable(actor, ROUTING_POLICY, action, target.units);
}
