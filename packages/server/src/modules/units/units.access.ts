import type { StaffRole } from '@epeople/contracts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../http/app-error.ts';
import { reaches, type UnitPath } from './units.tree.ts';

/**
 * How far a role's permission for an action extends:
 * - `anywhere`: the role allows the action on any unit, whatever the assignment's scope;
 * - `in_reach`: only on units the assignment reaches (its unit, subtree, or all, by scope).
 */
export type Extent = 'anywhere' | 'in_reach';

/** role → action → extent. A role or action missing from the table is refused. */
export type PolicyTable<Action extends string> = Partial<Record<StaffRole, Partial<Record<Action, Extent>>>>;

/**
 * Reads a module's policy table. `targets` are the units the action touches, as paths
 * (nearest first); each must be allowed by at least one of the actor's assignments.
 * With no targets (e.g. "list routing rules"), holding the action in any extent is enough.
 * The `system` actor (seeding, CLI) may do everything; citizens and guests nothing.
 */
export function isAllowedByTable<Action extends string>(
  actor: Actor,
  table: PolicyTable<Action>,
  action: Action,
  targets: readonly UnitPath[] = [],
): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  const grants = actor.roles.flatMap((assignment) => {
    const extent = table[assignment.role]?.[action];
    return extent ? [{ assignment, extent }] : [];
  });
  if (grants.length === 0) return false;
  return targets.every((target) =>
    grants.some(({ assignment, extent }) => extent === 'anywhere' || reaches(assignment, target)),
  );
}

/** 401 for a caller who is not signed in, 403 for one who is but may not. */
export function assertAllowed(actor: Actor, allowed: boolean): void {
  if (allowed) return;
  if (actor.kind === 'anonymous') throw new AppError('common.unauthenticated');
  throw new AppError('common.forbidden');
}

/** Only staff (and the system) reach the administration; others get 401 or 403 up front. */
export function assertStaffOrSystem(actor: Actor): void {
  assertAllowed(actor, actor.kind === 'staff' || actor.kind === 'system');
}
