import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../../../test/accounts-helpers.ts';
import { signInStaff, uniqueCode, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';

const names = { ar: 'إدارة', fr: 'Direction', en: 'Directorate' };

describe('units API', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let health: string;
  beforeAll(async () => {
    test = await createTestContext();
    app = await test.buildApp();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
  });
  afterAll(async () => test.close());

  it('anyone lists the active units with their three names', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(response.statusCode).toBe(200);
    const { units } = response.json() as { units: Array<{ code: string; name: { ar: string }; isActive: boolean }> };
    expect(units.find((unit) => unit.code === 'central-office')?.name.ar).toBe('المكتب المركزي للعلاقات مع المواطن');
    expect(units.every((unit) => unit.isActive)).toBe(true);
  });

  it('inactive units are a staff view: 401 for guests, 403 for officers, 200 for administrators', async () => {
    const url = '/api/v1/units?includeInactive=true';
    const guest = await app.inject({ method: 'GET', url });
    expect(guest.statusCode).toBe(401);
    expect(guest.json()).toMatchObject({ code: 'common.unauthenticated' });
    const officer = await signInStaff(app, test.ctx.database.db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    expect((await authed(app, officer).get(url)).json()).toMatchObject({ status: 403, code: 'common.forbidden' });
    const admin = await signInStaff(app, test.ctx.database.db, [
      { role: 'agency_admin', unitId: health, scope: 'subtree' },
    ]);
    expect((await authed(app, admin).get(url)).statusCode).toBe(200);
  });

  it('an agency admin creates and renames a unit in their ministry; moving it under its child is a 400 problem', async () => {
    const admin = await signInStaff(app, test.ctx.database.db, [
      { role: 'agency_admin', unitId: health, scope: 'subtree' },
    ]);
    const created = await authed(app, admin).post('/api/v1/admin/units', {
      parentId: health,
      kind: 'directorate',
      code: uniqueCode('dir'),
      name: names,
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json() as { id: string; parentId: string; governorate: string | null };
    expect(unit).toMatchObject({ parentId: health, governorate: null });
    const child = (
      await authed(app, admin).post('/api/v1/admin/units', {
        parentId: unit.id,
        kind: 'directorate',
        code: uniqueCode('sub'),
        name: names,
      })
    ).json() as { id: string };
    const renamed = await authed(app, admin).patch(`/api/v1/admin/units/${unit.id}`, {
      name: { ...names, en: 'Renamed' },
    });
    expect(renamed.json()).toMatchObject({ name: { en: 'Renamed' } });
    const cycle = await authed(app, admin).patch(`/api/v1/admin/units/${unit.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.headers['content-type']).toContain('application/problem+json');
    expect(cycle.json()).toMatchObject({ code: 'units.parent_cycle' });
  });

  it('a guest cannot create a unit, and unknown fields are rejected', async () => {
    const guest = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/units',
      payload: { parentId: null, kind: 'ministry', code: uniqueCode('x'), name: names },
    });
    expect(guest.json()).toMatchObject({ status: 401, code: 'common.unauthenticated' });
    const admin = await signInStaff(app, test.ctx.database.db, [
      { role: 'system_admin', unitId: health, scope: 'all' },
    ]);
    const extra = await authed(app, admin).post('/api/v1/admin/units', {
      parentId: null,
      kind: 'ministry',
      code: uniqueCode('x'),
      name: names,
      budget: 1,
    });
    expect(extra.json()).toMatchObject({ status: 400, code: 'common.validation_failed' });
  });
});
