import type { Language, RoleAssignment, RoleScope, StaffRole } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import { type Actor, auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createStaffAccount } from '../accounts/index.ts';
import { createAuditRepository } from '../audit/index.ts';
import { releaseLocksHeldBy } from '../cases/index.ts';
import { deliverQueuedMail } from '../mail/index.ts';
import { assertAllowed, assertStaffOrSystem, createUnitsRepository, type UnitTree } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import {
  createCannotDeactivateSelfError,
  createCannotGrantSelfError,
  createCannotRemoveOwnAdminRoleError,
  createRoleAssignmentExistsError,
  createRoleAssignmentNotFoundError,
  createStaffNotFoundError,
  createStaffUnitNotFoundError,
} from './staff.errors.ts';
import { ADMIN_ROLES, can, isOwnAccount, type PlacedRole } from './staff.policies.ts';
import { createStaffRepository, type StaffRecord } from './staff.repository.ts';

export interface RoleInput {
  role: StaffRole;
  unitId: string;
  scope: RoleScope;
}

function place(tree: UnitTree, role: RoleInput): PlacedRole {
  return { role: role.role, scope: role.scope, unitPath: tree.pathOf(role.unitId) };
}

function placeMember(tree: UnitTree, member: StaffRecord): { roles: PlacedRole[] } {
  return { roles: member.roles.map((role) => place(tree, role)) };
}

/** 401/403 up front for callers with no staff administration at all. */
function assertAdministers(actor: Actor): void {
  assertStaffOrSystem(actor);
  assertAllowed(actor, can(actor, 'administer'));
}

/** The staff the actor may see: everyone for system/central office/auditors, else those they manage. */
export async function listStaff({ db, actor }: UseCaseDeps): Promise<StaffRecord[]> {
  assertAdministers(actor);
  const tree = await createUnitsRepository({ db }).loadTree();
  const staff = await createStaffRepository({ db }).listStaff();
  return staff.filter((member) => can(actor, 'view', placeMember(tree, member)));
}

export interface CreateStaffInput {
  email: string;
  fullName: string;
  language: Language;
  roles: RoleInput[];
}

/**
 * Creates the account (accounts module: it writes the invitation e-mail to the outbox) and its
 * roles in one transaction; the e-mail is queued for delivery once committed.
 */
export async function createStaff({
  ctx,
  actor,
  requestId,
  input,
}: {
  ctx: AppContext;
  actor: Actor;
  requestId?: string;
  input: CreateStaffInput;
}): Promise<StaffRecord> {
  assertAdministers(actor);
  const created = await ctx.database.db.transaction(async (tx) => {
    const tree = await createUnitsRepository({ db: tx }).loadTree();
    for (const role of input.roles) {
      if (!tree.has(role.unitId)) throw createStaffUnitNotFoundError();
      assertAllowed(actor, can(actor, 'grant', place(tree, role)));
    }
    const { userId, emailIds } = await createStaffAccount({
      db: tx,
      ctx,
      input: { email: input.email, fullName: input.fullName, language: input.language },
      actor,
      requestId,
    });
    const staff = createStaffRepository({ db: tx });
    const granted: RoleAssignment[] = [];
    for (const role of input.roles) {
      const assignment = await staff.insertRoleAssignment({ userId, ...role });
      if (!assignment) throw createRoleAssignmentExistsError();
      granted.push(assignment);
    }
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'staff.roles_granted',
      subjectType: 'user',
      subjectId: userId,
      requestId: requestId ?? null,
      data: { roles: granted },
    });
    const member = await staff.findStaff(userId);
    if (!member) throw createStaffNotFoundError();
    return { member, emailIds };
  });
  await deliverQueuedMail(ctx, created.emailIds);
  return created.member;
}

/** Loads a member the actor may manage (404 if none, 403 if out of reach) with the unit tree. */
async function loadManagedMember(tx: Database, actor: Actor, id: string) {
  const member = await createStaffRepository({ db: tx }).findStaff(id);
  if (!member) throw createStaffNotFoundError();
  const tree = await createUnitsRepository({ db: tx }).loadTree();
  assertAllowed(actor, can(actor, 'manage', placeMember(tree, member)));
  return { member, tree };
}

export interface UpdateStaffInput {
  fullName?: string | undefined;
  language?: Language | undefined;
  isActive?: boolean | undefined;
}

export async function updateStaff({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: UpdateStaffInput }): Promise<StaffRecord> {
  assertAdministers(actor);
  return db.transaction(async (tx) => {
    const { member } = await loadManagedMember(tx, actor, id);
    if (input.isActive === false && actor.kind === 'staff' && actor.userId === id) {
      throw createCannotDeactivateSelfError();
    }
    const patch = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const staff = createStaffRepository({ db: tx });
    await staff.updateStaff(id, patch, now);
    if (input.isActive === false) {
      await staff.deleteSessionsOf(id);
      await releaseLocksHeldBy({ db: tx, userId: id });
    }
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: input.isActive === false && member.isActive ? 'staff.deactivated' : 'staff.updated',
      subjectType: 'user',
      subjectId: id,
      requestId: requestId ?? null,
      // Names are personal data: the log says which fields changed, not to what.
      data: { fields: Object.keys(patch), ...(input.isActive !== undefined ? { isActive: input.isActive } : {}) },
    });
    return { ...member, ...patch };
  });
}

export async function grantRole({
  db,
  actor,
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: RoleInput }): Promise<RoleAssignment> {
  assertAdministers(actor);
  return db.transaction(async (tx) => {
    const { tree } = await loadManagedMember(tx, actor, id);
    if (isOwnAccount(actor, id)) throw createCannotGrantSelfError();
    if (!tree.has(input.unitId)) throw createStaffUnitNotFoundError();
    assertAllowed(actor, can(actor, 'grant', place(tree, input)));
    const assignment = await createStaffRepository({ db: tx }).insertRoleAssignment({ userId: id, ...input });
    if (!assignment) throw createRoleAssignmentExistsError();
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'staff.role_granted',
      subjectType: 'user',
      subjectId: id,
      requestId: requestId ?? null,
      data: { ...assignment },
    });
    return assignment;
  });
}

export async function revokeRole({
  db,
  actor,
  requestId,
  id,
  assignmentId,
}: UseCaseDeps & { id: string; assignmentId: string }): Promise<void> {
  assertAdministers(actor);
  await db.transaction(async (tx) => {
    const { member } = await loadManagedMember(tx, actor, id);
    const assignment = member.roles.find((role) => role.id === assignmentId);
    if (!assignment) throw createRoleAssignmentNotFoundError();
    const isOwn = actor.kind === 'staff' && actor.userId === id;
    const keepsAnAdminRole = member.roles.some((role) => role.id !== assignmentId && ADMIN_ROLES.has(role.role));
    if (isOwn && ADMIN_ROLES.has(assignment.role) && !keepsAnAdminRole) throw createCannotRemoveOwnAdminRoleError();
    await createStaffRepository({ db: tx }).deleteRoleAssignment(assignmentId);
    // A lock never outlives the access that took it; roles kept allow taking it again.
    await releaseLocksHeldBy({ db: tx, userId: id });
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'staff.role_revoked',
      subjectType: 'user',
      subjectId: id,
      requestId: requestId ?? null,
      data: { ...assignment },
    });
  });
}
