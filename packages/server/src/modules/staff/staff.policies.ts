import { ROLE_SCOPES, type RoleAssignment, type RoleScope, STAFF_ROLES, type StaffRole } from '@epeople/contracts';
import type { Actor } from '../../auth/actor.ts';
import { type Extent, isAllowedByTable, type PolicyTable, reaches, type UnitPath } from '../units/index.ts';

/**
 * Staff administration.
 * - view: see a staff member in the list (auditors read-only, everywhere);
 * - manage: create, edit, grant and revoke roles. The targets are the units of every role the
 *   member holds: an agency admin manages only staff whose roles all lie within their reach.
 *   A member with no role left sits at the top of the tree (reached by scope `all` only).
 * Managing a member also needs the right to grant each role they hold (see GRANTABLE), so an
 * agency admin never manages a system administrator who happens to hold a role in their unit.
 */
export type StaffAction = 'view' | 'manage';

export const STAFF_POLICY: PolicyTable<StaffAction> = {
  system_admin: { view: 'anywhere', manage: 'anywhere' },
  central_office: { view: 'anywhere', manage: 'anywhere' },
  agency_admin: { manage: 'in_reach' },
  auditor: { view: 'anywhere' },
};

/**
 * Which roles (and scopes) each administrator may grant, and where. Agency admins never grant
 * scope `all`, nor a national role: either would reach beyond their own reach (see canGrant).
 */
export const GRANTABLE: Partial<
  Record<StaffRole, { roles: readonly StaffRole[]; scopes: readonly RoleScope[]; extent: Extent }>
> = {
  system_admin: { roles: STAFF_ROLES, scopes: ROLE_SCOPES, extent: 'anywhere' },
  central_office: {
    roles: STAFF_ROLES.filter((role) => role !== 'system_admin'),
    scopes: ROLE_SCOPES,
    extent: 'anywhere',
  },
  agency_admin: {
    roles: ['officer', 'supervisor', 'agency_admin'],
    scopes: ['unit', 'subtree'],
    extent: 'in_reach',
  },
};

/**
 * Roles that act nationally whatever the scope they are granted with: their policies read
 * `anywhere` (the auditor reads the national staff directory with every e-mail, the moderator
 * the whole forum) or, for the central office, they reach every case. Granting one hands out
 * reach `all`, so only a granter whose own grants reach everywhere may (docs/access-control.md).
 */
export const NATIONAL_ROLES: ReadonlySet<StaffRole> = new Set([
  'system_admin',
  'central_office',
  'auditor',
  'moderator',
]);

/** Roles that administer: a member may not strip the last of these from themselves. */
export const ADMIN_ROLES: ReadonlySet<StaffRole> = new Set(['system_admin', 'central_office', 'agency_admin']);

/** A role as policies see it: where its unit sits in the tree. */
export interface PlacedRole {
  role: StaffRole;
  scope: RoleScope;
  unitPath: UnitPath;
}

/**
 * Whether a granter's assignment covers everything a granted role would reach: the unit alone
 * (`unit`), the unit and all below it (`subtree`), or everything (`all`, and every national
 * role). A `unit`-scoped admin cannot hand out `subtree`, which would reach units below theirs.
 */
function covers(granter: Pick<RoleAssignment, 'unitId' | 'scope'>, grant: PlacedRole): boolean {
  if (granter.scope === 'all') return true;
  const scope = NATIONAL_ROLES.has(grant.role) ? 'all' : grant.scope;
  switch (scope) {
    case 'all':
      return false;
    case 'subtree':
      return granter.scope === 'subtree' && grant.unitPath.includes(granter.unitId);
    case 'unit':
      return reaches(granter, grant.unitPath);
  }
}

/**
 * A granted role's reach never exceeds the granter's: the role and scope must be in one of the
 * granter's GRANTABLE rules, and (for `in_reach` rules) that assignment must cover the whole
 * reach of the granted role. Who receives it is checked apart (isOwnAccount): nobody grants
 * themselves anything.
 */
function canGrant(actor: Actor, grant: PlacedRole): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  return actor.roles.some((assignment) => {
    const rule = GRANTABLE[assignment.role];
    if (!rule?.roles.includes(grant.role) || !rule.scopes.includes(grant.scope)) return false;
    return rule.extent === 'anywhere' || covers(assignment, grant);
  });
}

/** The member is the actor: their own roles are granted by someone else (no self-promotion). */
export const isOwnAccount = (actor: Actor, memberId: string): boolean =>
  actor.kind === 'staff' && actor.userId === memberId;

function canManage(actor: Actor, member: { roles: readonly PlacedRole[] }): boolean {
  const targets = member.roles.length > 0 ? member.roles.map((role) => role.unitPath) : [[]];
  return (
    isAllowedByTable(actor, STAFF_POLICY, 'manage', targets) && member.roles.every((role) => canGrant(actor, role))
  );
}

function canView(actor: Actor, member: { roles: readonly PlacedRole[] }): boolean {
  return isAllowedByTable(actor, STAFF_POLICY, 'view') || canManage(actor, member);
}

/** Whether the actor has any staff administration at all (else 403 before any lookup). */
function canAdministerStaff(actor: Actor): boolean {
  return isAllowedByTable(actor, STAFF_POLICY, 'view') || isAllowedByTable(actor, STAFF_POLICY, 'manage');
}

/** The one entry point use cases call: `can(actor, 'manage', member)`, `can(actor, 'grant', role)`. */
export function can(actor: Actor, action: 'view' | 'manage', target: { roles: readonly PlacedRole[] }): boolean;
export function can(actor: Actor, action: 'grant', target: PlacedRole): boolean;
export function can(actor: Actor, action: 'administer'): boolean;
export function can(
  actor: Actor,
  action: 'view' | 'manage' | 'grant' | 'administer',
  target?: PlacedRole | { roles: readonly PlacedRole[] },
): boolean {
  switch (action) {
    case 'administer':
      return canAdministerStaff(actor);
    case 'grant':
      return canGrant(actor, target as PlacedRole);
    case 'view':
      return canView(actor, target as { roles: readonly PlacedRole[] });
    case 'manage':
      return canManage(actor, target as { roles: readonly PlacedRole[] });
  }
}
