import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, registerAndVerifyCitizen, type SmtpSink, signIn } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { fileCase } from './filing/file-case.ts';
import { createCaseNotificationsRepository } from './notifications/case-notifications.repository.ts';

describe('the staff bell: GET /me/notifications and POST /me/notifications/read', () => {
  let sink: SmtpSink;
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let officer: Awaited<ReturnType<typeof signInStaff>>;
  let colleague: Awaited<ReturnType<typeof signInStaff>>;
  let caseId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: sink.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    const db = test.ctx.database.db;
    const health = await unitIdOf(db, 'min-health');
    officer = await signInStaff(app, db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    colleague = await signInStaff(app, db, [{ role: 'officer', unitId: health, scope: 'unit' }]);
    const { theCase } = await fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: {
        type: 'guidance',
        title: 'Horaires du centre de santé',
        description: 'Quels sont les horaires d’ouverture du centre de santé de mon quartier ?',
        language: 'fr',
        publishConsent: false,
        anonymous: false,
        guest: { name: 'Amina', email: 'amina.bell@example.tn' },
        unitId: health,
      },
    });
    caseId = theCase.id;
    const notifications = createCaseNotificationsRepository({ db });
    // Three notifications for the officer, one for the colleague, a minute apart.
    await notifications.insertStaffNotifications([
      ...['case_assigned', 'deadline_warning', 'deadline_escalated'].map((template, index) => ({
        userId: officer.userId,
        caseId,
        template,
        data: { reference: theCase.reference },
        createdAt: new Date(Date.now() + index * 60_000),
      })),
      {
        userId: colleague.userId,
        caseId,
        template: 'case_assigned',
        data: { reference: theCase.reference },
        createdAt: new Date(),
      },
    ]);
  });
  afterAll(async () => {
    await test.close();
    await sink.close();
  });

  it('lists the signed-in staff member’s own notifications, newest first, with the unread count', async () => {
    const response = await authed(app, officer).get('/api/v1/me/notifications');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.unreadCount).toBe(3);
    expect(body.items.map((item: { template: string }) => item.template)).toEqual([
      'deadline_escalated',
      'deadline_warning',
      'case_assigned',
    ]);
    expect(body.items[0]).toMatchObject({ caseId, readAt: null, data: { reference: expect.any(String) } });
  });

  it('marks chosen notifications read, ignores other people’s ids, then all', async () => {
    const mine = (await authed(app, officer).get('/api/v1/me/notifications')).json().items as Array<{ id: string }>;
    const theirs = (await authed(app, colleague).get('/api/v1/me/notifications')).json().items as Array<{
      id: string;
    }>;
    const some = await authed(app, officer).post('/api/v1/me/notifications/read', {
      ids: [mine[0]!.id, theirs[0]!.id],
    });
    expect(some.json()).toEqual({ updated: 1, unreadCount: 2 });
    expect((await authed(app, colleague).get('/api/v1/me/notifications')).json().unreadCount).toBe(1);

    const unread = await authed(app, officer).get('/api/v1/me/notifications?unreadOnly=true');
    expect(unread.json().items).toHaveLength(2);
    const all = await authed(app, officer).post('/api/v1/me/notifications/read', { all: true });
    expect(all.json()).toEqual({ updated: 2, unreadCount: 0 });
    const after = (await authed(app, officer).get('/api/v1/me/notifications')).json();
    expect(after.items.every((item: { readAt: string | null }) => item.readAt !== null)).toBe(true);
  });

  it('is for staff only: a citizen is refused, a stranger must sign in', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const citizen = await signIn(app, email, password);
    expect((await authed(app, citizen).get('/api/v1/me/notifications')).json()).toMatchObject({
      code: 'common.forbidden',
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/notifications' })).statusCode).toBe(401);
  });
});
