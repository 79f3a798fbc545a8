import type { Actor } from '../../auth/actor.ts';
import { isAllowedByTable, type PolicyTable } from './units.access.ts';
import type { UnitPath } from './units.tree.ts';

/**
 * Who may administer units. Active units are public (GET /units needs no policy);
 * `list_inactive` is the staff view that also shows deactivated units.
 * - create: the target is the new unit's parent (the empty path for a root unit, which only
 *   a scope-`all` assignment reaches, so in practice only system administrators make roots);
 * - update: the target is the unit; when it moves, also its new parent and every unit below it
 *   (they move with it).
 */
export type UnitAction = 'list_inactive' | 'create' | 'update';

export const UNIT_POLICY: PolicyTable<UnitAction> = {
  system_admin: { list_inactive: 'anywhere', create: 'anywhere', update: 'anywhere' },
  central_office: { list_inactive: 'anywhere' },
  agency_admin: { list_inactive: 'anywhere', create: 'in_reach', update: 'in_reach' },
  auditor: { list_inactive: 'anywhere' },
};

export interface UnitTarget {
  /** Every unit the action touches, as paths (nearest first). */
  units: readonly UnitPath[];
}

export function can(actor: Actor, action: UnitAction, target: UnitTarget = { units: [] }): boolean {
  return isAllowedByTable(actor, UNIT_POLICY, action, target.units);
}
