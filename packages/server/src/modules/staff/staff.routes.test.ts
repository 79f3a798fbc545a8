import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, captureCode, STRONG_PASSWORD, signIn, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';

interface Member {
  id: string;
  email: string;
  roles: Array<{ id: string; role: string; unitId: string; scope: string }>;
}

describe('staff API', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let health: string;
  let finance: string;
  beforeAll(async () => {
    test = await createTestContext();
    app = await test.buildApp();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    finance = await unitIdOf(test.ctx.database.db, 'min-finance');
  });
  afterAll(async () => test.close());

  it('an invited agency admin sets a password from the e-mail, signs in with TOTP and manages their ministry only', async () => {
    const root = await signInStaff(app, test.ctx.database.db, [{ role: 'system_admin', unitId: health, scope: 'all' }]);
    const email = uniqueEmail('invited');
    let created: Member | undefined;
    const code = await captureCode(test, email, async () => {
      const response = await authed(app, root).post('/api/v1/admin/staff', {
        email,
        fullName: 'Imen Karoui',
        language: 'fr',
        roles: [{ role: 'agency_admin', unitId: health, scope: 'subtree' }],
      });
      expect(response.statusCode).toBe(201);
      created = response.json() as Member;
    });
    expect(created).toMatchObject({ email, roles: [{ role: 'agency_admin', unitId: health, scope: 'subtree' }] });
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { email, code, newPassword: STRONG_PASSWORD },
    });
    expect(reset.statusCode).toBeLessThan(300);
    const admin = await signIn(app, email, STRONG_PASSWORD);

    const financeOfficer = (
      await authed(app, root).post('/api/v1/admin/staff', {
        email: uniqueEmail('finance'),
        fullName: 'Omar Dridi',
        language: 'ar',
        roles: [{ role: 'officer', unitId: finance, scope: 'unit' }],
      })
    ).json() as Member;
    const officer = (
      await authed(app, admin).post('/api/v1/admin/staff', {
        email: uniqueEmail('officer'),
        fullName: 'Salma Feki',
        language: 'ar',
        roles: [{ role: 'officer', unitId: health, scope: 'unit' }],
      })
    ).json() as Member;

    const list = (await authed(app, admin).get('/api/v1/admin/staff')).json() as { staff: Member[] };
    const ids = list.staff.map((member) => member.id);
    expect(ids).toContain(officer.id);
    expect(ids).not.toContain(financeOfficer.id);
    expect(
      (await authed(app, admin).patch(`/api/v1/admin/staff/${financeOfficer.id}`, { language: 'fr' })).json(),
    ).toMatchObject({
      status: 403,
      code: 'common.forbidden',
    });

    const granted = await authed(app, admin).post(`/api/v1/admin/staff/${officer.id}/roles`, {
      role: 'supervisor',
      unitId: health,
      scope: 'subtree',
    });
    expect(granted.statusCode).toBe(201);
    const again = await authed(app, admin).post(`/api/v1/admin/staff/${officer.id}/roles`, {
      role: 'supervisor',
      unitId: health,
      scope: 'unit',
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'staff.role_assignment_exists' });
    const revoked = await authed(app, admin).delete(
      `/api/v1/admin/staff/${officer.id}/roles/${(granted.json() as { id: string }).id}`,
    );
    expect(revoked.statusCode).toBe(204);

    const ownRole = created!.roles[0]!.id;
    const selfRevoke = await authed(app, admin).delete(`/api/v1/admin/staff/${created!.id}/roles/${ownRole}`);
    expect(selfRevoke.json()).toMatchObject({ status: 400, code: 'staff.cannot_remove_own_admin_role' });
  });

  it('a deactivated staff member is signed out at once', async () => {
    const root = await signInStaff(app, test.ctx.database.db, [{ role: 'system_admin', unitId: health, scope: 'all' }]);
    const officer = await signInStaff(app, test.ctx.database.db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    expect((await authed(app, officer).get('/api/v1/routing/resolve?requestType=petition')).statusCode).toBe(200);
    const deactivated = await authed(app, root).patch(`/api/v1/admin/staff/${officer.userId}`, { isActive: false });
    expect(deactivated.json()).toMatchObject({ isActive: false });
    expect((await authed(app, officer).get('/api/v1/routing/resolve?requestType=petition')).statusCode).toBe(401);
  });

  it('officers and citizens have no staff administration', async () => {
    const officer = await signInStaff(app, test.ctx.database.db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    expect((await authed(app, officer).get('/api/v1/admin/staff')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/staff' })).statusCode).toBe(401);
  });
});
