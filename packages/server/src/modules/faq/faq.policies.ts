import type { Actor } from '../../auth/actor.ts';
import { isAllowedByTable, type PolicyTable, type UnitPath } from '../units/index.ts';

/**
 * Published FAQ entries are public. The central office and system administrators keep every
 * entry (national ones have no unit); an agency administrator keeps the entries of units in reach.
 */
export type FaqAction = 'manage';

export const FAQ_POLICY: PolicyTable<FaqAction> = {
  system_admin: { manage: 'anywhere' },
  central_office: { manage: 'anywhere' },
  agency_admin: { manage: 'in_reach' },
};

/** `units`: the entry's unit path (the empty path for a national entry), before and after a move. */
export function can(actor: Actor, action: FaqAction, target: { units: readonly UnitPath[] } = { units: [] }): boolean {
  return isAllowedByTable(actor, FAQ_POLICY, action, target.units);
}
