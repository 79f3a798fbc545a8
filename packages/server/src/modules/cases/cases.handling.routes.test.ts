import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, type SignedInSession, signIn, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../seed/index.ts';

/** The back office over HTTP with real staff sign-in (password + TOTP), on the demo accounts. */
describe('case handling API', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let health: string;
  let officer: SignedInSession;
  let supervisor: SignedInSession;
  let sfaxOfficer: SignedInSession;
  let officerId: string;
  let secondSupervisor: SignedInSession;

  const userIdOf = async (email: string) =>
    (await queryRows<{ id: string }>(test.ctx.database.db, sql`SELECT id FROM users WHERE email = ${email}`))[0]!.id;

  beforeAll(async () => {
    test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    await seedDemoAccounts(test.ctx);
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    officer = await signIn(app, 'demo-officer@epeople.tn', DEMO_PASSWORD);
    supervisor = await signIn(app, 'demo-supervisor@epeople.tn', DEMO_PASSWORD);
    sfaxOfficer = await signIn(app, 'demo-officer-sfax@epeople.tn', DEMO_PASSWORD);
    secondSupervisor = await signInStaff(app, test.ctx.database.db, [
      { role: 'supervisor', unitId: health, scope: 'subtree' },
    ]);
    officerId = await userIdOf('demo-officer@epeople.tn');
  });
  afterAll(async () => test.close());

  /** A guest's petition to the Ministry of Health: its id, reference and access code. */
  async function fileGuestPetition() {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: 'Le centre de santé est fermé le samedi',
        description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
        language: 'fr',
        unitId: health,
        guest: { name: 'Amina Ben Salah', email: uniqueEmail('guest') },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { case: { id: string; reference: string }; accessCode: string };
    return { id: body.case.id, reference: body.case.reference, accessCode: body.accessCode };
  }
  const act = (session: SignedInSession, id: string, action: string, body?: unknown) =>
    authed(app, session).post(`/api/v1/inbox/cases/${id}/${action}`, body);
  const expectOk = (response: { statusCode: number; body: string }) => {
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body) as { state: string; allowedActions: string[] };
  };

  it('an officer of another agency can neither see nor act on the case', async () => {
    const filed = await fileGuestPetition();
    const inbox = await authed(app, sfaxOfficer).get('/api/v1/inbox?limit=100');
    expect(inbox.statusCode).toBe(200);
    expect((inbox.json() as { cases: Array<{ id: string }> }).cases.map((row) => row.id)).not.toContain(filed.id);
    const page = await authed(app, sfaxOfficer).get(`/api/v1/inbox/cases/${filed.id}`);
    expect(page.statusCode).toBe(404);
    expect(page.json()).toMatchObject({ code: 'cases.not_found' });
    const register = await act(sfaxOfficer, filed.id, 'register');
    expect(register.json()).toMatchObject({ code: 'cases.not_found' });
    // The agency's own officer sees it in the inbox and gets only the buttons of the state.
    const own = await authed(app, officer).get('/api/v1/inbox?state=submitted&limit=100');
    expect((own.json() as { cases: Array<{ id: string }> }).cases.map((row) => row.id)).toContain(filed.id);
    const officerPage = expectOk(await authed(app, officer).get(`/api/v1/inbox/cases/${filed.id}`));
    expect(officerPage.allowedActions).toContain('register');
    expect(officerPage.allowedActions).not.toContain('assign');
  });

  it('a citizen or a signed-out caller gets no inbox', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/inbox' })).statusCode).toBe(401);
  });

  it('the lock refuses a second handler, naming the holder; the supervisor breaks it', async () => {
    const filed = await fileGuestPetition();
    const taken = await act(officer, filed.id, 'take');
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ holderName: 'Youssef Mansouri' });
    const refused = await act(supervisor, filed.id, 'notes', { body: 'Je regarde.' });
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({ code: 'cases.locked' });
    expect((refused.json() as { detail: string }).detail).toContain('Youssef Mansouri');
    const page = expectOk(await authed(app, supervisor).get(`/api/v1/inbox/cases/${filed.id}`)) as unknown as {
      lock: { holderName: string };
      lockActions: string[];
    };
    expect(page.lock.holderName).toBe('Youssef Mansouri');
    expect(page.lockActions).toEqual(['break_lock']);
    expect((await act(supervisor, filed.id, 'break-lock', { reason: 'Agent en congé.' })).statusCode).toBe(200);
    expectOk(await act(supervisor, filed.id, 'notes', { body: 'Je reprends.' }));
  });

  it('a full handling path: register, assign, start, request info, the guest replies, draft, return, approve, answer', async () => {
    const filed = await fileGuestPetition();
    expect(expectOk(await act(supervisor, filed.id, 'register')).state).toBe('registered');
    expect(expectOk(await act(supervisor, filed.id, 'assign', { assigneeId: officerId })).state).toBe('assigned');
    expect(expectOk(await act(officer, filed.id, 'start')).state).toBe('in_progress');
    const waiting = expectOk(await act(officer, filed.id, 'request-info', { question: 'Quelle est l’adresse ?' }));
    expect(waiting.state).toBe('awaiting_citizen');

    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${filed.reference}/info-reply`,
      headers: { 'x-access-code': filed.accessCode },
      payload: { message: 'Rue de Marseille, Tunis.' },
    });
    expect(reply.statusCode, reply.body).toBe(200);

    const draft = { outcome: 'upheld', body: 'Le centre ouvrira le samedi.' };
    expect(expectOk(await act(officer, filed.id, 'submit-draft', draft)).state).toBe('answer_drafted');
    const returned = expectOk(await act(supervisor, filed.id, 'return-draft', { comment: 'Préciser la date.' }));
    expect(returned.state).toBe('in_progress');
    const final = { outcome: 'upheld', body: 'Le centre ouvrira le samedi à partir du 1er mars.' };
    expectOk(await act(officer, filed.id, 'submit-draft', final));
    expect(expectOk(await act(supervisor, filed.id, 'approve-draft', {})).state).toBe('answer_approved');
    expect(expectOk(await act(officer, filed.id, 'answer')).state).toBe('answered');

    const tracked = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${filed.reference}`,
      headers: { 'x-access-code': filed.accessCode },
    });
    expect(tracked.json()).toMatchObject({ state: 'answered', outcome: 'upheld', answerText: final.body });
    const timeline = (tracked.json() as { timeline: Array<{ type: string }> }).timeline.map((event) => event.type);
    expect(timeline).toEqual(expect.arrayContaining(['INFO_REQUESTED', 'INFO_PROVIDED', 'ANSWER_SENT']));
    expect(timeline).not.toContain('DRAFT_SUBMITTED');
  });

  it('a supervisor cannot approve their own draft; another supervisor can', async () => {
    const filed = await fileGuestPetition();
    expectOk(await act(supervisor, filed.id, 'register'));
    const supervisorId = await userIdOf('demo-supervisor@epeople.tn');
    expectOk(await act(supervisor, filed.id, 'assign', { assigneeId: supervisorId }));
    expectOk(await act(supervisor, filed.id, 'start'));
    expectOk(await act(supervisor, filed.id, 'submit-draft', { outcome: 'not_upheld', body: 'Horaires conformes.' }));
    const own = await act(supervisor, filed.id, 'approve-draft', {});
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'cases.own_draft_review' });
    expect(expectOk(await act(secondSupervisor, filed.id, 'approve-draft', {})).state).toBe('answer_approved');
  });

  it('an outcome of another request type is refused as bad input', async () => {
    const filed = await fileGuestPetition();
    expectOk(await act(supervisor, filed.id, 'register'));
    expectOk(await act(supervisor, filed.id, 'assign', { assigneeId: officerId }));
    expectOk(await act(officer, filed.id, 'start'));
    const wrong = await act(officer, filed.id, 'draft', { outcome: 'adopted', body: 'x' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'cases.outcome_not_for_type' });
  });
});
