import type { FileCaseRequest, RoleScope, StaffRole } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.ts';
import { queryRows } from '../../src/db/client.ts';
import { createAccountsRepository } from '../../src/modules/accounts/accounts.repository.ts';
import { createUserWithPassword } from '../../src/modules/accounts/index.ts';
import { putDeadlineSetting } from '../../src/modules/calendar/deadline-settings.usecases.ts';
import { createCasesRepository } from '../../src/modules/cases/cases.repository.ts';
import { fileCase } from '../../src/modules/cases/filing/file-case.ts';
import { approveDraft } from '../../src/modules/cases/handling/approve-draft.ts';
import { assignCase } from '../../src/modules/cases/handling/assign-case.ts';
import { releaseCase, takeCase } from '../../src/modules/cases/handling/case-lock.ts';
import { listInbox } from '../../src/modules/cases/handling/cases.inbox.ts';
import { registerCase } from '../../src/modules/cases/handling/register-case.ts';
import { saveDraft } from '../../src/modules/cases/handling/save-draft.ts';
import { startCase } from '../../src/modules/cases/handling/start-case.ts';
import { submitDraft } from '../../src/modules/cases/handling/submit-draft.ts';
import { viewStaffCase } from '../../src/modules/cases/handling/view-staff-case.ts';
import { listStaffNotifications } from '../../src/modules/cases/notifications/staff-notifications.ts';
import { trackCase } from '../../src/modules/cases/tracking/track-case.ts';
import { createRoutingRule, resolveRoute, updateRoutingRule } from '../../src/modules/routing/routing.usecases.ts';
import { createStaffRepository } from '../../src/modules/staff/index.ts';
import { grantRole, revokeRole } from '../../src/modules/staff/staff.usecases.ts';
import { createUnit, updateUnit } from '../../src/modules/units/units.usecases.ts';
import { uniqueEmail } from '../accounts-helpers.ts';
import { categoryIdOf, SYSTEM, uniqueCode, unitIdOf } from '../agencies-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

/**
 * Authorisation holes of issue 7, one test per attack, each on the real database through the
 * use cases the routes call (docs/access-control.md states the rules they check).
 */
describe('authorisation', () => {
  let test: TestContext;
  let health: string;
  let healthHygiene: string;

  /** A staff account in the database with these roles, as the session plugin would see it. */
  async function staff(roles: Array<{ role: StaffRole; unitId: string; scope: RoleScope }>): Promise<StaffActor> {
    const db = test.ctx.database.db;
    const { userId } = await createUserWithPassword({
      db,
      kind: 'staff',
      email: uniqueEmail('staff'),
      password: 'olive-tree-jasmine-42',
      fullName: 'Sami Trabelsi',
      language: 'fr',
    });
    for (const role of roles) await createStaffRepository({ db }).insertRoleAssignment({ userId, ...role });
    return asSignedIn(userId);
  }

  /** The actor a new request of this member would carry: roles read from the database now. */
  async function asSignedIn(userId: string): Promise<StaffActor> {
    const roles = await createAccountsRepository({ db: test.ctx.database.db }).listRoleAssignments(userId);
    return { kind: 'staff', userId, language: 'fr', roles };
  }

  beforeAll(async () => {
    test = await createTestContext();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    healthHygiene = await unitIdOf(test.ctx.database.db, 'min-health-dg-health');
  });
  afterAll(async () => test.close());

  const input = (): FileCaseRequest => ({
    type: 'petition',
    title: 'Le dispensaire reste fermé le matin',
    description: 'Le dispensaire de mon quartier reste fermé tous les matins depuis un mois.',
    language: 'fr',
    publishConsent: false,
    anonymous: false,
    guest: { name: 'Amina Ben Salah', email: uniqueEmail('guest') },
    unitId: health,
  });
  const args = (actor: Actor, caseId: string) => ({ ctx: test.ctx, actor, caseId });

  /** A case of the Ministry of Health, assigned to `officer` and started by them (who holds its lock). */
  async function startedCase(supervisor: StaffActor, officer: StaffActor) {
    const { theCase, accessCode } = await fileCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, input: input() });
    await registerCase(args(supervisor, theCase.id));
    await assignCase({ ...args(supervisor, theCase.id), assigneeId: officer.userId });
    await startCase(args(officer, theCase.id));
    return { theCase, accessCode: accessCode as string };
  }

  describe('four eyes', () => {
    it('a supervisor who rewrites an officer’s draft as they submit it becomes its author and cannot approve it', async () => {
      const officer = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const supervisor = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const colleague = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const { theCase } = await startedCase(supervisor, officer);
      await saveDraft({ ...args(officer, theCase.id), outcome: 'upheld', body: 'Le dispensaire rouvrira lundi.' });
      await releaseCase(args(officer, theCase.id));
      await submitDraft({
        ...args(supervisor, theCase.id),
        outcome: 'not_upheld',
        body: 'Aucun manquement n’a été constaté.',
      });

      await expect(approveDraft(args(supervisor, theCase.id))).rejects.toMatchObject({
        code: 'cases.own_draft_review',
      });
      const [draft] = await createCasesRepository({ db: test.ctx.database.db }).listDrafts(theCase.id);
      expect(draft).toMatchObject({ authorId: supervisor.userId, body: 'Aucun manquement n’a été constaté.' });
      // Another supervisor is the second pair of eyes.
      expect((await approveDraft(args(colleague, theCase.id))).state).toBe('answer_approved');
    });
  });

  describe('routing rules', () => {
    it('an agency admin cannot create a rule that pulls another agency’s cases to their own unit', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
      const transport = await categoryIdOf(db, 'transport');
      const query = { requestType: 'petition' as const, categoryId: transport, governorate: 'TN-11' as const };
      const today = await resolveRoute({ db, ...query });

      await expect(createRoutingRule({ db, actor: admin, input: { ...query, unitId: health } })).rejects.toMatchObject({
        code: 'routing.rule_beyond_reach',
      });
      expect((await resolveRoute({ db, ...query })).unitId).toBe(today.unitId);

      // Cases the ministry already receives may be routed within it.
      const hospitals = await categoryIdOf(db, 'health-hospitals');
      const own = { requestType: 'suggestion' as const, categoryId: hospitals, governorate: 'TN-12' as const };
      await createRoutingRule({ db, actor: admin, input: { ...own, unitId: healthHygiene } });
      expect((await resolveRoute({ db, ...own })).unitId).toBe(healthHygiene);
    });

    it('an agency admin cannot retarget a dormant rule of a closed unit to take other agencies’ cases', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
      const closed = await createUnit({
        db,
        actor: SYSTEM,
        input: { parentId: health, kind: 'directorate', code: uniqueCode('closed'), name: names('Fermée') },
      });
      await updateUnit({ db, actor: SYSTEM, id: closed.id, input: { isActive: false } });
      const query = {
        requestType: 'guidance' as const,
        categoryId: await categoryIdOf(db, 'transport'),
        governorate: 'TN-13' as const,
      };
      const rule = await createRoutingRule({ db, actor: SYSTEM, input: { ...query, unitId: closed.id } });
      const today = await resolveRoute({ db, ...query });

      await expect(updateRoutingRule({ db, actor: admin, id: rule.id, unitId: health })).rejects.toMatchObject({
        code: 'routing.rule_beyond_reach',
      });
      expect((await resolveRoute({ db, ...query })).unitId).toBe(today.unitId);
    });
  });

  describe('grants', () => {
    it('an agency admin cannot grant themselves a role, auditor’s national reach least of all', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
      for (const role of ['auditor', 'supervisor'] as const) {
        await expect(
          grantRole({ db, actor: admin, id: admin.userId, input: { role, unitId: health, scope: 'unit' } }),
        ).rejects.toMatchObject({ code: 'staff.cannot_grant_self' });
      }
      expect((await asSignedIn(admin.userId)).roles.map((role) => role.role)).toEqual(['agency_admin']);
    });

    it('an agency admin cannot grant a national role (auditor, moderator, central office) even inside their ministry', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
      const member = await staff([{ role: 'officer', unitId: healthHygiene, scope: 'unit' }]);
      for (const role of ['auditor', 'moderator', 'central_office'] as const) {
        await expect(
          grantRole({ db, actor: admin, id: member.userId, input: { role, unitId: healthHygiene, scope: 'unit' } }),
        ).rejects.toMatchObject({ code: 'common.forbidden' });
      }
      expect((await asSignedIn(member.userId)).roles.map((role) => role.role)).toEqual(['officer']);
      // A role inside their reach they may still grant.
      await grantRole({
        db,
        actor: admin,
        id: member.userId,
        input: { role: 'supervisor', unitId: healthHygiene, scope: 'unit' },
      });
    });

    it('an agency admin whose role covers one unit cannot grant a role over the units below it', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'unit' }]);
      const member = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      await expect(
        grantRole({
          db,
          actor: admin,
          id: member.userId,
          input: { role: 'supervisor', unitId: health, scope: 'subtree' },
        }),
      ).rejects.toMatchObject({ code: 'common.forbidden' });
      await grantRole({
        db,
        actor: admin,
        id: member.userId,
        input: { role: 'supervisor', unitId: health, scope: 'unit' },
      });
    });
  });

  describe('reach beyond the target unit', () => {
    it('an agency admin whose role covers one unit cannot set the deadline of the units below it', async () => {
      const db = test.ctx.database.db;
      const admin = await staff([{ role: 'agency_admin', unitId: health, scope: 'unit' }]);
      const setting = {
        requestType: 'guidance' as const,
        milestone: 'answer' as const,
        days: 30,
        dayKind: 'working' as const,
      };
      await expect(
        putDeadlineSetting({ db, actor: admin, input: { ...setting, unitId: health } }),
      ).rejects.toMatchObject({ code: 'common.forbidden' });
      const subtreeAdmin = await staff([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
      await putDeadlineSetting({ db, actor: subtreeAdmin, input: { ...setting, unitId: health } });
    });

    it('an agency admin whose role covers one unit cannot move the units below it along with it', async () => {
      const db = test.ctx.database.db;
      const make = (parentId: string | null, label: string) =>
        createUnit({
          db,
          actor: SYSTEM,
          input: { parentId, kind: 'public_body', code: uniqueCode(label), name: names(label) },
        });
      const parent = await make(null, 'parent');
      const child = await make(parent.id, 'child');
      const destination = await make(null, 'destination');
      const admin = await staff([
        { role: 'agency_admin', unitId: parent.id, scope: 'unit' },
        { role: 'agency_admin', unitId: destination.id, scope: 'unit' },
      ]);
      await expect(
        updateUnit({ db, actor: admin, id: parent.id, input: { parentId: destination.id } }),
      ).rejects.toMatchObject({ code: 'common.forbidden' });
      const rows = await queryRows<{ parentId: string | null }>(
        db,
        sql`SELECT parent_id AS "parentId" FROM units WHERE id = ${parent.id}`,
      );
      expect(rows[0]?.parentId).toBeNull();
      expect(child.parentId).toBe(parent.id);
    });
  });

  describe('access after removal', () => {
    it('a staff member with every role revoked can no longer read or act on the case assigned to them', async () => {
      const officer = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const supervisor = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const { theCase } = await startedCase(supervisor, officer);
      await revokeRole({
        db: test.ctx.database.db,
        actor: SYSTEM,
        id: officer.userId,
        assignmentId: officer.roles[0]!.id,
      });
      const removed = await asSignedIn(officer.userId);
      expect(removed.roles).toEqual([]);

      for (const attempt of [
        () => viewStaffCase(args(removed, theCase.id)),
        () => takeCase(args(removed, theCase.id)),
        () => saveDraft({ ...args(removed, theCase.id), outcome: 'upheld', body: 'Je garde la main.' }),
        () => trackCase({ ctx: test.ctx, actor: removed, locator: { reference: theCase.reference } }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'cases.not_found' });
      }
      const inbox = await listInbox({ ctx: test.ctx, actor: removed, query: inboxQuery() });
      expect(inbox.cases.map((row) => row.id)).not.toContain(theCase.id);
    });

    it('a staff member moved to another unit loses the cases still assigned to them in the old one', async () => {
      const db = test.ctx.database.db;
      const officer = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const supervisor = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const { theCase } = await startedCase(supervisor, officer);
      await grantRole({
        db,
        actor: SYSTEM,
        id: officer.userId,
        input: { role: 'officer', unitId: await unitIdOf(db, 'cro-tn-61'), scope: 'unit' },
      });
      await revokeRole({ db, actor: SYSTEM, id: officer.userId, assignmentId: officer.roles[0]!.id });
      const moved = await asSignedIn(officer.userId);

      await expect(viewStaffCase(args(moved, theCase.id))).rejects.toMatchObject({ code: 'cases.not_found' });
      await expect(
        submitDraft({ ...args(moved, theCase.id), outcome: 'upheld', body: 'Réponse de l’ancien service.' }),
      ).rejects.toMatchObject({ code: 'cases.not_found' });
      const inbox = await listInbox({ ctx: test.ctx, actor: moved, query: inboxQuery() });
      expect(inbox.cases.map((row) => row.id)).not.toContain(theCase.id);
    });

    it('revoking a role lets go of the case locks its holder kept, so the unit is not blocked by a removed member', async () => {
      const officer = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const supervisor = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const colleague = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const { theCase } = await startedCase(supervisor, officer);
      expect((await createCasesRepository({ db: test.ctx.database.db }).findById(theCase.id))?.lockHolderId).toBe(
        officer.userId,
      );
      await revokeRole({
        db: test.ctx.database.db,
        actor: SYSTEM,
        id: officer.userId,
        assignmentId: officer.roles[0]!.id,
      });

      expect(await takeCase(args(colleague, theCase.id))).toMatchObject({ holderId: colleague.userId });
    });

    it('a staff member with every role revoked no longer reads the case’s reference and title in their notifications', async () => {
      const officer = await staff([{ role: 'officer', unitId: health, scope: 'unit' }]);
      const supervisor = await staff([{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
      const { theCase } = await startedCase(supervisor, officer);
      const bell = async (actor: StaffActor) =>
        (await listStaffNotifications({ ctx: test.ctx, actor, limit: 50, unreadOnly: false })).items.filter(
          (item) => item.caseId === theCase.id,
        );
      await expect.poll(async () => (await bell(officer)).length, { timeout: 15_000 }).toBeGreaterThan(0);
      await revokeRole({
        db: test.ctx.database.db,
        actor: SYSTEM,
        id: officer.userId,
        assignmentId: officer.roles[0]!.id,
      });

      const removed = await asSignedIn(officer.userId);
      expect(await bell(removed)).toEqual([]);
      expect(
        (await listStaffNotifications({ ctx: test.ctx, actor: removed, limit: 50, unreadOnly: true })).unreadCount,
      ).toBe(0);
    });
  });
});

const names = (label: string) => ({ ar: `وحدة ${label}`, fr: `Unité ${label}`, en: `Unit ${label}` });

const inboxQuery = () => ({ assignee: 'me' as const, sort: 'due_at' as const, limit: 100 });
