import type { Actor } from '../../auth/actor.ts';
import { isAllowedByTable, type PolicyTable, type UnitPath } from '../units/index.ts';

/**
 * - manage_holidays: confirm or move Islamic holidays, add exceptional ones: the central office
 *   keeps the national calendar (docs/PRODUCT.md §2), with system administrators;
 * - list_deadlines: read the deadline rules;
 * - manage_deadlines: override a type's deadline for a unit (the targets are the unit and every
 *   unit below it, which the override governs; the national rule's target is the top of the
 *   tree, reached by scope `all` only).
 */
export type CalendarAction = 'manage_holidays' | 'list_deadlines' | 'manage_deadlines';

export const CALENDAR_POLICY: PolicyTable<CalendarAction> = {
  system_admin: { manage_holidays: 'anywhere', list_deadlines: 'anywhere', manage_deadlines: 'anywhere' },
  central_office: { manage_holidays: 'anywhere', list_deadlines: 'anywhere', manage_deadlines: 'anywhere' },
  agency_admin: { list_deadlines: 'anywhere', manage_deadlines: 'in_reach' },
  auditor: { list_deadlines: 'anywhere' },
  supervisor: { list_deadlines: 'anywhere' },
};

export function can(actor: Actor, action: CalendarAction, targets: readonly UnitPath[] = []): boolean {
  return isAllowedByTable(actor, CALENDAR_POLICY, action, targets);
}
