import type { RoleScope, StaffRole } from '@epeople/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/accounts-helpers.ts';
import { SYSTEM, staffActor, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAuditRepository } from '../audit/index.ts';
import { createMailRepository } from '../mail/index.ts';
import { createStaff, grantRole, listStaff, revokeRole, updateStaff } from './staff.usecases.ts';

type Role = { role: StaffRole; unitId: string; scope: RoleScope };

describe('staff use cases', () => {
  let test: TestContext;
  let health: string;
  let healthDirectorate: string;
  let finance: string;
  beforeAll(async () => {
    test = await createTestContext();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    healthDirectorate = await unitIdOf(test.ctx.database.db, 'min-health-dg-health');
    finance = await unitIdOf(test.ctx.database.db, 'min-finance');
  });
  afterAll(async () => test.close());

  const db = () => test.ctx.database.db;
  const newMember = (roles: Role[], email = uniqueEmail('staff')) =>
    createStaff({ ctx: test.ctx, actor: SYSTEM, input: { email, fullName: 'Sonia Mejri', language: 'fr', roles } });
  /** The member as the actor they would be once signed in. */
  const actorOf = (member: Awaited<ReturnType<typeof newMember>>) => ({
    kind: 'staff' as const,
    userId: member.id,
    language: 'fr' as const,
    roles: member.roles,
  });
  const healthAdmin = () => staffActor([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);

  it('creating a staff member writes the account, its roles, the invitation e-mail and the audit in one go', async () => {
    const email = uniqueEmail('invited');
    const member = await createStaff({
      ctx: test.ctx,
      actor: healthAdmin(),
      input: {
        email,
        fullName: 'Walid Sassi',
        language: 'ar',
        roles: [{ role: 'officer', unitId: healthDirectorate, scope: 'unit' }],
      },
    });
    expect(member).toMatchObject({
      email,
      isActive: true,
      secondFactorEnrolled: false,
      roles: [{ role: 'officer', unitId: healthDirectorate, scope: 'unit' }],
    });
    const mails = await createMailRepository({ db: db() }).listRecent(50);
    expect(mails.some((mail) => mail.to === email)).toBe(true);
    const audit = await createAuditRepository({ db: db() }).listForSubject('user', member.id);
    expect(audit.map((entry) => entry.action)).toContain('staff.roles_granted');
  });

  it('a failed role grant leaves no account and no invitation behind', async () => {
    const email = uniqueEmail('atomic');
    const role: Role = { role: 'officer', unitId: healthDirectorate, scope: 'unit' };
    await expect(newMember([role, role], email)).rejects.toMatchObject({ code: 'staff.role_assignment_exists' });
    const mails = await createMailRepository({ db: db() }).listRecent(200);
    expect(mails.some((mail) => mail.to === email)).toBe(false);
    await expect(newMember([role], email)).resolves.toMatchObject({ email });
  });

  it('an e-mail already in use and an unknown unit are refused', async () => {
    const email = uniqueEmail('taken');
    await newMember([{ role: 'officer', unitId: health, scope: 'unit' }], email);
    await expect(newMember([{ role: 'officer', unitId: health, scope: 'unit' }], email)).rejects.toMatchObject({
      code: 'staff.email_taken',
    });
    await expect(
      newMember([{ role: 'officer', unitId: '00000000-0000-4000-8000-000000000000', scope: 'unit' }]),
    ).rejects.toMatchObject({
      code: 'staff.unit_not_found',
    });
  });

  it('the central office cannot grant system_admin, but may grant central_office', async () => {
    const member = await newMember([{ role: 'officer', unitId: health, scope: 'unit' }]);
    const central = staffActor([{ role: 'central_office', unitId: health, scope: 'all' }]);
    await expect(
      grantRole({
        db: db(),
        actor: central,
        id: member.id,
        input: { role: 'system_admin', unitId: health, scope: 'all' },
      }),
    ).rejects.toMatchObject({
      code: 'common.forbidden',
    });
    await expect(
      grantRole({
        db: db(),
        actor: central,
        id: member.id,
        input: { role: 'central_office', unitId: health, scope: 'all' },
      }),
    ).resolves.toMatchObject({
      role: 'central_office',
    });
  });

  it.each([
    ['system_admin', 'subtree'],
    ['central_office', 'subtree'],
    ['officer', 'all'],
  ] as const)('an agency admin cannot grant %s with scope %s, even inside their ministry', async (role, scope) => {
    const member = await newMember([{ role: 'officer', unitId: healthDirectorate, scope: 'unit' }]);
    await expect(
      grantRole({ db: db(), actor: healthAdmin(), id: member.id, input: { role, unitId: healthDirectorate, scope } }),
    ).rejects.toMatchObject({
      code: 'common.forbidden',
    });
  });

  it('an agency admin cannot manage a system administrator placed in their ministry', async () => {
    const member = await newMember([{ role: 'system_admin', unitId: healthDirectorate, scope: 'unit' }]);
    await expect(
      updateStaff({ db: db(), actor: healthAdmin(), id: member.id, input: { isActive: false } }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
    expect((await listStaff({ db: db(), actor: healthAdmin() })).map((staff) => staff.id)).not.toContain(member.id);
  });

  it('an agency admin cannot manage staff who also hold a role in another ministry', async () => {
    const member = await newMember([
      { role: 'officer', unitId: healthDirectorate, scope: 'unit' },
      { role: 'officer', unitId: finance, scope: 'unit' },
    ]);
    const healthRole = member.roles.find((role) => role.unitId === healthDirectorate)!;
    await expect(
      revokeRole({ db: db(), actor: healthAdmin(), id: member.id, assignmentId: healthRole.id }),
    ).rejects.toMatchObject({
      code: 'common.forbidden',
    });
  });

  it('a staff member left with no role is managed only by administrators who reach everything', async () => {
    const member = await newMember([{ role: 'officer', unitId: healthDirectorate, scope: 'unit' }]);
    await revokeRole({ db: db(), actor: healthAdmin(), id: member.id, assignmentId: member.roles[0]!.id });
    await expect(
      grantRole({
        db: db(),
        actor: healthAdmin(),
        id: member.id,
        input: { role: 'officer', unitId: health, scope: 'unit' },
      }),
    ).rejects.toMatchObject({
      code: 'common.forbidden',
    });
    const central = staffActor([{ role: 'central_office', unitId: health, scope: 'all' }]);
    await expect(
      grantRole({ db: db(), actor: central, id: member.id, input: { role: 'officer', unitId: health, scope: 'unit' } }),
    ).resolves.toBeTruthy();
  });

  it('an admin may not remove their own last admin role, but may remove one of two', async () => {
    const admin = await newMember([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
    await expect(
      revokeRole({ db: db(), actor: actorOf(admin), id: admin.id, assignmentId: admin.roles[0]!.id }),
    ).rejects.toMatchObject({
      code: 'staff.cannot_remove_own_admin_role',
    });
    const second = await grantRole({
      db: db(),
      actor: SYSTEM,
      id: admin.id,
      input: { role: 'agency_admin', unitId: healthDirectorate, scope: 'subtree' },
    });
    await revokeRole({ db: db(), actor: actorOf(admin), id: admin.id, assignmentId: second.id });
    // Another administrator may remove it.
    await revokeRole({ db: db(), actor: healthAdmin(), id: admin.id, assignmentId: admin.roles[0]!.id });
  });

  it('an admin cannot deactivate themselves; another admin can, and it is audited', async () => {
    const admin = await newMember([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
    await expect(
      updateStaff({ db: db(), actor: actorOf(admin), id: admin.id, input: { isActive: false } }),
    ).rejects.toMatchObject({
      code: 'staff.cannot_deactivate_self',
    });
    const updated = await updateStaff({ db: db(), actor: healthAdmin(), id: admin.id, input: { isActive: false } });
    expect(updated.isActive).toBe(false);
    const [entry] = await createAuditRepository({ db: db() }).listForSubject('user', admin.id);
    expect(entry).toMatchObject({ action: 'staff.deactivated', data: { fields: ['isActive'], isActive: false } });
  });

  it('an unknown member or role assignment is not found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(
      updateStaff({ db: db(), actor: SYSTEM, id: unknown, input: { language: 'ar' } }),
    ).rejects.toMatchObject({ code: 'staff.not_found' });
    const member = await newMember([{ role: 'officer', unitId: health, scope: 'unit' }]);
    await expect(revokeRole({ db: db(), actor: SYSTEM, id: member.id, assignmentId: unknown })).rejects.toMatchObject({
      code: 'staff.role_assignment_not_found',
    });
  });
});
