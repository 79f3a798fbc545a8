import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, type SignedInSession } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';

/** Answer templates over HTTP: agency admins keep their units' templates, handlers read them. */
describe('answer templates API', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let health: string;
  let healthChild: string;
  let sfax: string;
  let healthAdmin: SignedInSession;
  let sfaxAdmin: SignedInSession;
  let healthOfficer: SignedInSession;
  let sfaxOfficer: SignedInSession;

  const body = { ar: 'نصّ الجواب', fr: 'Texte de la réponse', en: 'Answer text' };

  beforeAll(async () => {
    test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    sfax = await unitIdOf(db, 'cro-tn-61');
    const children = await queryRows<{ id: string }>(db, sql`SELECT id FROM units WHERE parent_id = ${health} LIMIT 1`);
    healthChild = children[0]?.id ?? health;
    healthAdmin = await signInStaff(app, db, [{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);
    sfaxAdmin = await signInStaff(app, db, [{ role: 'agency_admin', unitId: sfax, scope: 'subtree' }]);
    healthOfficer = await signInStaff(app, db, [{ role: 'officer', unitId: healthChild, scope: 'unit' }]);
    sfaxOfficer = await signInStaff(app, db, [{ role: 'officer', unitId: sfax, scope: 'unit' }]);
  });
  afterAll(async () => test.close());

  it('an agency admin adds, edits and deletes a template of their unit; handlers below it read it', async () => {
    const created = await authed(app, healthAdmin).post('/api/v1/admin/answer-templates', {
      unitId: health,
      requestType: 'petition',
      outcome: 'upheld',
      title: 'Réclamation fondée',
      body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const listed = await authed(app, healthOfficer).get(
      `/api/v1/answer-templates?unitId=${healthChild}&requestType=petition`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ templates: [{ id, body, outcome: 'upheld' }] });
    const edited = await authed(app, healthAdmin).patch(`/api/v1/admin/answer-templates/${id}`, { title: 'Fondée' });
    expect(edited.json()).toMatchObject({ title: 'Fondée' });
    const audit = await queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${id} ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual(['answer_templates.created', 'answer_templates.updated']);
    expect((await authed(app, healthAdmin).delete(`/api/v1/admin/answer-templates/${id}`)).statusCode).toBe(204);
    const after = await authed(app, healthOfficer).get(`/api/v1/answer-templates?unitId=${healthChild}`);
    expect(after.json()).toEqual({ templates: [] });
  });

  it('an agency admin of another agency can neither read nor change the template', async () => {
    const created = await authed(app, healthAdmin).post('/api/v1/admin/answer-templates', {
      unitId: health,
      title: 'Accusé général',
      body,
    });
    const id = (created.json() as { id: string }).id;
    expect(
      (await authed(app, sfaxAdmin).patch(`/api/v1/admin/answer-templates/${id}`, { title: 'x' })).json(),
    ).toMatchObject({
      code: 'answer_templates.not_found',
    });
    expect(
      (await authed(app, sfaxAdmin).post('/api/v1/admin/answer-templates', { unitId: health, title: 'x', body }))
        .statusCode,
    ).toBe(403);
    expect((await authed(app, sfaxOfficer).get(`/api/v1/answer-templates?unitId=${health}`)).statusCode).toBe(403);
    // Handlers only read.
    expect(
      (await authed(app, healthOfficer).post('/api/v1/admin/answer-templates', { unitId: health, title: 'x', body }))
        .statusCode,
    ).toBe(403);
  });

  it('an outcome must belong to the template’s request type', async () => {
    const wrong = await authed(app, healthAdmin).post('/api/v1/admin/answer-templates', {
      unitId: health,
      requestType: 'guidance',
      outcome: 'adopted',
      title: 'x',
      body,
    });
    expect(wrong.json()).toMatchObject({ code: 'cases.outcome_not_for_type' });
  });
});
