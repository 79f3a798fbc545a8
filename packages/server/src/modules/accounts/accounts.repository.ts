import type { Language, RoleAssignment } from '@epeople/contracts';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { roleAssignments } from '../staff/role-assignments.table.ts';
import { oneTimeCodes, sessions, users } from './accounts.table.ts';

export type UserRow = typeof users.$inferSelect;
export type CodePurpose = 'verify_email' | 'reset_password';

export interface NewUser {
  kind: 'citizen' | 'staff';
  email: string;
  passwordHash: string | null;
  fullName: string;
  phone?: string | null;
  governorate?: string | null;
  language: Language;
  emailVerifiedAt: Date | null;
}

export type UserPatch = Partial<
  Pick<
    UserRow,
    | 'email'
    | 'emailVerifiedAt'
    | 'phone'
    | 'passwordHash'
    | 'fullName'
    | 'governorate'
    | 'language'
    | 'notifyEmail'
    | 'notifySms'
    | 'totpSecretEncrypted'
    | 'totpEnrolledAt'
    | 'deletedAt'
    | 'isActive'
  >
>;

export function createAccountsRepository({ db }: { db: Database }) {
  return {
    // ---- users --------------------------------------------------------------------------

    /** The account an address belongs to now (deleted accounts keep only a tombstone address). */
    async findLiveUserByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt)));
      return row ?? null;
    },

    async findUserById(id: string): Promise<UserRow | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },

    /** Inserts unless the address is taken by a live account (then answers null, no error). */
    async insertUserUnlessEmailTaken(user: NewUser): Promise<{ id: string } | null> {
      const [row] = await db
        .insert(users)
        .values({
          kind: user.kind,
          email: user.email,
          passwordHash: user.passwordHash,
          fullName: user.fullName,
          phone: user.phone ?? null,
          governorate: user.governorate ?? null,
          language: user.language,
          emailVerifiedAt: user.emailVerifiedAt,
        })
        .onConflictDoNothing({ target: users.email, where: sql.raw('deleted_at IS NULL') })
        .returning({ id: users.id });
      return row ?? null;
    },

    async updateUser(id: string, patch: UserPatch, now: Date): Promise<UserRow | null> {
      const [row] = await db
        .update(users)
        .set({ ...patch, updatedAt: now })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },

    /**
     * Records the TOTP time step just accepted, only if it is newer than the last one: of two
     * requests replaying one code, one wins.
     */
    async advanceTotpTimeStep(id: string, timeStep: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastTimeStep: timeStep })
        .where(and(eq(users.id, id), or(isNull(users.totpLastTimeStep), lt(users.totpLastTimeStep, timeStep))))
        .returning({ id: users.id });
      return rows.length > 0;
    },

    async listRoleAssignments(userId: string): Promise<RoleAssignment[]> {
      return db
        .select({
          id: roleAssignments.id,
          role: roleAssignments.role,
          unitId: roleAssignments.unitId,
          scope: roleAssignments.scope,
        })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, userId))
        .orderBy(roleAssignments.createdAt, roleAssignments.id);
    },

    // ---- sessions -----------------------------------------------------------------------

    async insertSession(session: {
      id: string;
      userId: string;
      csrfToken: string;
      secondFactorDone: boolean;
      now: Date;
      expiresAt: Date;
    }): Promise<void> {
      await db.insert(sessions).values({
        id: session.id,
        userId: session.userId,
        csrfToken: session.csrfToken,
        secondFactorDone: session.secondFactorDone,
        createdAt: session.now,
        lastSeenAt: session.now,
        expiresAt: session.expiresAt,
      });
    },

    /** A session still valid at `now`, with its account (which must be live and active). */
    async findValidSession(id: string, now: Date) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(eq(sessions.id, id), gt(sessions.expiresAt, now), isNull(users.deletedAt), eq(users.isActive, true)),
        );
      return row ?? null;
    },

    async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
    },

    async deleteSession(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteSessionsOfUser(userId: string, { except }: { except?: string } = {}): Promise<void> {
      await db
        .delete(sessions)
        .where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
    },

    async deleteExpiredSessionsOfUser(userId: string, now: Date): Promise<void> {
      await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
    },

    // ---- one-time codes -----------------------------------------------------------------

    /** Stores a new code; any earlier code of the same purpose stops working. */
    async replaceCode(code: { userId: string; purpose: CodePurpose; codeHash: string; now: Date; expiresAt: Date }) {
      await db
        .delete(oneTimeCodes)
        .where(and(eq(oneTimeCodes.userId, code.userId), eq(oneTimeCodes.purpose, code.purpose)));
      await db.insert(oneTimeCodes).values({
        userId: code.userId,
        purpose: code.purpose,
        codeHash: code.codeHash,
        createdAt: code.now,
        expiresAt: code.expiresAt,
      });
    },

    async findCurrentCode(userId: string, purpose: CodePurpose) {
      const [row] = await db
        .select()
        .from(oneTimeCodes)
        .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.consumedAt)))
        .orderBy(desc(oneTimeCodes.createdAt))
        .limit(1);
      return row ?? null;
    },

    /** Uses up one attempt before the code is compared; false once `max` attempts are spent. */
    async takeCodeAttempt(id: string, max: number): Promise<boolean> {
      const rows = await db
        .update(oneTimeCodes)
        .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
        .where(and(eq(oneTimeCodes.id, id), lt(oneTimeCodes.attempts, max)))
        .returning({ id: oneTimeCodes.id });
      return rows.length > 0;
    },

    /** Marks a code used; false if another request used it first. */
    async consumeCode(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(oneTimeCodes)
        .set({ consumedAt: now })
        .where(and(eq(oneTimeCodes.id, id), isNull(oneTimeCodes.consumedAt)))
        .returning({ id: oneTimeCodes.id });
      return rows.length > 0;
    },

    async deleteCodesOfUser(userId: string): Promise<void> {
      await db.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, userId));
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
