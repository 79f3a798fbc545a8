import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../../../test/accounts-helpers.ts';
import { categoryIdOf, signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';

describe('routing and categories API', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let central: string;
  beforeAll(async () => {
    test = await createTestContext();
    app = await test.buildApp();
    central = await unitIdOf(test.ctx.database.db, 'central-office');
  });
  afterAll(async () => test.close());

  it('the central office keeps the taxonomy; categories are public, an agency admin may not add one', async () => {
    const db = test.ctx.database.db;
    const list = await app.inject({ method: 'GET', url: '/api/v1/categories' });
    expect((list.json() as { categories: unknown[] }).categories.length).toBeGreaterThan(50);
    const office = await signInStaff(app, db, [{ role: 'central_office', unitId: central, scope: 'all' }]);
    const created = await authed(app, office).post('/api/v1/admin/categories', {
      parentId: await categoryIdOf(db, 'transport'),
      code: 'transport-ports',
      name: { ar: 'الموانئ', fr: 'Ports', en: 'Ports' },
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await authed(app, office).post('/api/v1/admin/categories', {
      parentId: null,
      code: 'transport-ports',
      name: { ar: 'الموانئ', fr: 'Ports', en: 'Ports' },
    });
    expect(duplicate.json()).toMatchObject({ status: 409, code: 'categories.code_taken' });
    const admin = await signInStaff(app, db, [
      { role: 'agency_admin', unitId: await unitIdOf(db, 'min-transport'), scope: 'subtree' },
    ]);
    const refused = await authed(app, admin).patch(
      `/api/v1/admin/categories/${(created.json() as { id: string }).id}`,
      {
        isActive: false,
      },
    );
    expect(refused.json()).toMatchObject({ status: 403, code: 'common.forbidden' });
  });

  it('an agency admin routes a category to their directorate, previews it, retargets and deletes the rule', async () => {
    const db = test.ctx.database.db;
    const health = await unitIdOf(db, 'min-health');
    const directorate = await unitIdOf(db, 'min-health-dg-health');
    const medicines = await categoryIdOf(db, 'health-medicines');
    const admin = await signInStaff(app, db, [{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
    const rule = await authed(app, admin).post('/api/v1/admin/routing-rules', {
      requestType: null,
      categoryId: medicines,
      governorate: null,
      unitId: directorate,
    });
    expect(rule.statusCode).toBe(201);
    const { id } = rule.json() as { id: string };
    const duplicate = await authed(app, admin).post('/api/v1/admin/routing-rules', {
      requestType: null,
      categoryId: medicines,
      governorate: null,
      unitId: health,
    });
    expect(duplicate.json()).toMatchObject({ status: 409, code: 'routing.rule_exists' });

    // A suggestion: no seeded rule names that type, so the new rule on the sub-category decides.
    const officer = await signInStaff(app, db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    const preview = await authed(app, officer).get(
      `/api/v1/routing/resolve?requestType=suggestion&categoryId=${medicines}&governorate=TN-31`,
    );
    expect(preview.json()).toEqual({ unitId: directorate, ruleId: id, isTriage: false });

    const moved = await authed(app, admin).patch(`/api/v1/admin/routing-rules/${id}`, { unitId: health });
    expect(moved.json()).toMatchObject({ id, unitId: health });
    const outOfReach = await authed(app, admin).patch(`/api/v1/admin/routing-rules/${id}`, { unitId: central });
    expect(outOfReach.json()).toMatchObject({ status: 403, code: 'common.forbidden' });
    const rules = (await authed(app, admin).get('/api/v1/admin/routing-rules')).json() as {
      rules: Array<{ id: string }>;
    };
    expect(rules.rules.map((r) => r.id)).toContain(id);
    expect((await authed(app, admin).delete(`/api/v1/admin/routing-rules/${id}`)).statusCode).toBe(204);
    expect((await authed(app, admin).delete(`/api/v1/admin/routing-rules/${id}`)).json()).toMatchObject({
      status: 404,
      code: 'routing.rule_not_found',
    });
  });

  it('the route preview is for staff only, and an unknown governorate is a validation problem', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/routing/resolve?requestType=petition' })).statusCode).toBe(
      401,
    );
    const officer = await signInStaff(app, test.ctx.database.db, [{ role: 'officer', unitId: central, scope: 'unit' }]);
    const bad = await authed(app, officer).get('/api/v1/routing/resolve?requestType=petition&governorate=TN-99');
    expect(bad.json()).toMatchObject({ status: 400, code: 'common.validation_failed' });
    const triage = await authed(app, officer).get('/api/v1/routing/resolve?requestType=suggestion');
    expect(triage.json()).toEqual({ unitId: central, ruleId: null, isTriage: true });
  });
});
