import type { Language, RoleAssignment, RoleScope, StaffRole } from '@epeople/contracts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { sessions, users } from '../accounts/accounts.table.ts';
import { roleAssignments } from './role-assignments.table.ts';

export interface StaffRecord {
  id: string;
  email: string;
  fullName: string;
  language: Language;
  isActive: boolean;
  secondFactorEnrolled: boolean;
  roles: RoleAssignment[];
}

export interface NewRoleAssignment {
  userId: string;
  role: StaffRole;
  unitId: string;
  scope: RoleScope;
}

const staffColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  language: users.language,
  isActive: users.isActive,
  totpEnrolledAt: users.totpEnrolledAt,
};
const roleColumns = {
  id: roleAssignments.id,
  userId: roleAssignments.userId,
  role: roleAssignments.role,
  unitId: roleAssignments.unitId,
  scope: roleAssignments.scope,
};

/** Staff accounts (the users table of accounts, read and edited for administration) and their roles. */
export function createStaffRepository({ db }: { db: Database }) {
  async function rolesByUser(userIds: string[]): Promise<Map<string, RoleAssignment[]>> {
    const byUser = new Map<string, RoleAssignment[]>();
    if (userIds.length === 0) return byUser;
    const rows = await db
      .select(roleColumns)
      .from(roleAssignments)
      .where(inArray(roleAssignments.userId, userIds))
      .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id));
    for (const { userId, ...role } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), role]);
    return byUser;
  }

  async function selectStaff(onlyId?: string): Promise<StaffRecord[]> {
    const live = and(eq(users.kind, 'staff'), isNull(users.deletedAt));
    const rows = await db
      .select(staffColumns)
      .from(users)
      .where(onlyId ? and(live, eq(users.id, onlyId)) : live)
      .orderBy(asc(users.fullName), asc(users.id));
    const roles = await rolesByUser(rows.map((row) => row.id));
    return rows.map(({ totpEnrolledAt, ...row }) => ({
      ...row,
      secondFactorEnrolled: totpEnrolledAt !== null,
      roles: roles.get(row.id) ?? [],
    }));
  }

  return {
    listStaff: () => selectStaff(),

    async findStaff(id: string): Promise<StaffRecord | undefined> {
      return (await selectStaff(id))[0];
    },

    async updateStaff(
      id: string,
      patch: { fullName?: string; language?: Language; isActive?: boolean },
      now: Date,
    ): Promise<void> {
      await db
        .update(users)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(users.id, id), eq(users.kind, 'staff')));
    },

    /** A deactivated member is signed out everywhere at once. */
    async deleteSessionsOf(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },

    /** Answers undefined when the member already holds this role in this unit. */
    async insertRoleAssignment(assignment: NewRoleAssignment): Promise<RoleAssignment | undefined> {
      const rows = await db.insert(roleAssignments).values(assignment).onConflictDoNothing().returning(roleColumns);
      const row = rows[0];
      if (!row) return undefined;
      const { userId: _userId, ...role } = row;
      return role;
    },

    async deleteRoleAssignment(id: string): Promise<void> {
      await db.delete(roleAssignments).where(eq(roleAssignments.id, id));
    },
  };
}
export type StaffRepository = ReturnType<typeof createStaffRepository>;
