import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, type SignedInSession, type SmtpSink, signIn, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../../../test/agencies-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { minimalPdf, multipartBody } from '../attachments/attachments.test-files.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../seed/index.ts';

interface CaseView {
  id: string;
  reference: string;
  state: string;
  allowedActions: string[];
  timeline: Array<{ type: string; data: Record<string, unknown>; actorKind: string }>;
  attachments: Array<Record<string, unknown>>;
  location: unknown;
}

/**
 * What the web journeys need from the API, over HTTP with real sign-in on the demo accounts:
 * the assign dialog's list, files in both views, the notice thread from the back office, the
 * citizen's consent to a second extension, a place named without coordinates, the filing limit.
 */
describe('cases API for the web journeys', () => {
  let sink: SmtpSink;
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let health: string;
  let officer: SignedInSession;
  let supervisor: SignedInSession;
  let sfaxOfficer: SignedInSession;
  let officerId: string;

  const userIdOf = async (email: string) =>
    (await queryRows<{ id: string }>(test.ctx.database.db, sql`SELECT id FROM users WHERE email = ${email}`))[0]!.id;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: sink.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    await seedDemoAccounts(test.ctx);
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    officer = await signIn(app, 'demo-officer@epeople.tn', DEMO_PASSWORD);
    supervisor = await signIn(app, 'demo-supervisor@epeople.tn', DEMO_PASSWORD);
    sfaxOfficer = await signIn(app, 'demo-officer-sfax@epeople.tn', DEMO_PASSWORD);
    officerId = await userIdOf('demo-officer@epeople.tn');
  });
  afterAll(async () => {
    await test.close();
    await sink.close();
  });

  async function file(payload: Record<string, unknown>) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { language: 'fr', unitId: health, ...payload },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { case: CaseView; accessCode: string };
    return { ...body.case, accessCode: body.accessCode };
  }
  const petition = (extra: Record<string, unknown> = {}) =>
    file({
      type: 'petition',
      title: 'Le centre de santé est fermé le samedi',
      description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
      guest: { name: 'Amina Ben Salah', email: uniqueEmail('guest') },
      ...extra,
    });
  const notice = (extra: Record<string, unknown> = {}) =>
    file({
      type: 'notice',
      title: 'Médicaments revendus devant l’hôpital',
      description: 'Des médicaments de l’hôpital sont revendus chaque matin devant l’entrée.',
      ...extra,
    });
  const staffGet = (session: SignedInSession, path: string) => authed(app, session).get(`/api/v1/inbox/cases/${path}`);
  const act = (session: SignedInSession, id: string, action: string, body?: unknown) =>
    authed(app, session).post(`/api/v1/inbox/cases/${id}/${action}`, body);
  const ok = (response: { statusCode: number; body: string }): CaseView => {
    expect(response.statusCode, response.body).toBe(200);
    return JSON.parse(response.body) as CaseView;
  };
  const track = (reference: string, accessCode: string) =>
    app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: { 'x-access-code': accessCode } });
  const citizenPost = (reference: string, accessCode: string, path: string, payload: object = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/${path}`,
      headers: { 'x-access-code': accessCode },
      payload,
    });

  it('the assign dialog lists the active officers and supervisors reaching the unit, names and ids only, for supervisors', async () => {
    const filed = await petition();
    const healthOfficer = [{ role: 'officer' as const, unitId: health, scope: 'unit' as const }];
    const newcomer = await signInStaff(app, test.ctx.database.db, healthOfficer);
    const leaving = await signInStaff(app, test.ctx.database.db, healthOfficer);
    await test.ctx.database.db.execute(sql`UPDATE users SET is_active = false WHERE id = ${leaving.userId}`);

    const response = await staffGet(supervisor, `${filed.id}/assignees`);
    expect(response.statusCode, response.body).toBe(200);
    const { assignees } = response.json() as { assignees: Array<{ id: string; name: string }> };
    for (const assignee of assignees) expect(Object.keys(assignee).sort()).toEqual(['id', 'name']);
    expect(assignees).toContainEqual({ id: officerId, name: 'Youssef Mansouri' });
    expect(assignees.map((a) => a.id)).toContain(await userIdOf('demo-supervisor@epeople.tn'));
    expect(assignees.map((a) => a.id)).not.toContain(await userIdOf('demo-officer-sfax@epeople.tn'));
    expect(assignees.map((a) => a.id)).not.toContain(await userIdOf('demo-agency-admin@epeople.tn'));
    expect(assignees).toContainEqual({ id: newcomer.userId, name: 'Hela Ayari' });
    expect(assignees.map((a) => a.id)).not.toContain(leaving.userId);

    // An officer may not assign, so gets no list; another agency's officer does not see the case.
    expect((await staffGet(officer, `${filed.id}/assignees`)).json()).toMatchObject({
      code: 'cases.action_not_allowed',
    });
    expect((await staffGet(sfaxOfficer, `${filed.id}/assignees`)).json()).toMatchObject({ code: 'cases.not_found' });
    // Whoever the list offers can be assigned.
    expect(ok(await act(supervisor, filed.id, 'assign', { assigneeId: officerId })).state).toBe('assigned');
  });

  it('the citizen view and the staff view list the case’s files', async () => {
    const pdf = minimalPdf();
    const upload = await app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      ...multipartBody([{ name: 'ordonnance.pdf', content: pdf, type: 'application/pdf' }]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [uploaded] = (upload.json() as { attachments: Array<{ id: string }> }).attachments;
    const filed = await petition({ attachmentIds: [uploaded!.id] });
    const expected = {
      id: uploaded!.id,
      fileName: 'ordonnance.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      createdAt: expect.any(String),
    };
    expect(filed.attachments).toEqual([expect.objectContaining(expected)]);
    expect(ok(await track(filed.reference, filed.accessCode)).attachments).toEqual([expect.objectContaining(expected)]);
    expect(ok(await staffGet(officer, filed.id)).attachments).toEqual([expect.objectContaining(expected)]);
    // A case without files lists none.
    const bare = await petition();
    expect(ok(await track(bare.reference, bare.accessCode)).attachments).toEqual([]);
  });

  it('a handler writes in a notice’s thread: the reporter reads it, answers, and is e-mailed when a contact exists', async () => {
    const anonymous = await notice({ anonymous: true });
    const page = ok(await staffGet(officer, anonymous.id));
    expect(page.allowedActions).toContain('send_message');
    const sent = ok(await act(officer, anonymous.id, 'messages', { body: 'Pouvez-vous préciser l’heure ?' }));
    expect(sent.timeline.at(-1)).toMatchObject({
      type: 'MESSAGE_POSTED',
      actorKind: 'staff',
      data: { body: 'Pouvez-vous préciser l’heure ?', from: 'staff' },
    });
    const seen = ok(await track(anonymous.reference, anonymous.accessCode));
    expect(seen.timeline.map((event) => event.data.body)).toContain('Pouvez-vous préciser l’heure ?');
    expect(seen.allowedActions).toContain('send_message');
    const answered = ok(
      await citizenPost(anonymous.reference, anonymous.accessCode, 'messages', { body: 'Vers 7 h.' }),
    );
    expect(answered.timeline.at(-1)).toMatchObject({ type: 'MESSAGE_POSTED', data: { from: 'citizen' } });

    // A reporter who left an e-mail is told a handler wrote, without the text itself.
    const email = uniqueEmail('reporter');
    const withContact = await notice({ guest: { name: 'Karim Jaziri', email } });
    ok(await act(supervisor, withContact.id, 'messages', { body: 'Texte confidentiel du message.' }));
    const mail = await sink.waitFor(
      (m) => m.to.includes(email) && m.subject.includes(withContact.reference) && m.subject.includes('message'),
    );
    expect(mail.subject).toContain('Nouveau message');
    expect(mail.text).not.toContain('Texte confidentiel');

    // Only notices have a thread; staff outside the case's reach do not see it.
    const other = await petition();
    expect((await act(officer, other.id, 'messages', { body: 'Bonjour' })).json()).toMatchObject({
      code: 'cases.messages_not_available',
    });
    expect((await act(sfaxOfficer, anonymous.id, 'messages', { body: 'Bonjour' })).json()).toMatchObject({
      code: 'cases.not_found',
    });
  });

  it('the citizen consents to a second extension once the first happened, and the supervisor may then extend again', async () => {
    const filed = await petition();
    ok(await act(supervisor, filed.id, 'register'));
    ok(await act(supervisor, filed.id, 'assign', { assigneeId: officerId }));
    ok(await act(officer, filed.id, 'start'));
    // Starting took the officer's lock; the supervisor extends once it is released.
    expect((await act(officer, filed.id, 'release')).statusCode).toBe(200);
    const before = ok(await track(filed.reference, filed.accessCode));
    expect(before.allowedActions).not.toContain('consent_extension');
    expect((await citizenPost(filed.reference, filed.accessCode, 'extension-consent')).json()).toMatchObject({
      code: 'cases.no_extension_to_consent',
    });

    ok(await act(supervisor, filed.id, 'extend-deadline', { reason: 'Enquête sur place nécessaire.' }));
    expect((await act(supervisor, filed.id, 'extend-deadline', { reason: 'Encore.' })).json()).toMatchObject({
      code: 'cases.extension_needs_consent',
    });
    expect(ok(await track(filed.reference, filed.accessCode)).allowedActions).toContain('consent_extension');
    expect((await citizenPost(filed.reference, 'AAAA-AAAA-AAAA-AAAA', 'extension-consent')).statusCode).toBe(404);

    const consented = ok(await citizenPost(filed.reference, filed.accessCode, 'extension-consent'));
    expect(consented.timeline.at(-1)).toMatchObject({ type: 'EXTENSION_CONSENTED' });
    expect(consented.allowedActions).not.toContain('consent_extension');
    const audit = await queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${filed.id} AND action = 'cases.consent_extension'`,
    );
    expect(audit).toHaveLength(1);
    expect((await citizenPost(filed.reference, filed.accessCode, 'extension-consent')).json()).toMatchObject({
      code: 'cases.no_extension_to_consent',
    });
    const twice = ok(await act(supervisor, filed.id, 'extend-deadline', { reason: 'Avec l’accord du citoyen.' }));
    expect(twice.timeline.filter((event) => event.type === 'DEADLINE_EXTENDED')).toHaveLength(2);
  });

  it('a notice names its place with a label alone; coordinates come in pairs; an empty place is refused', async () => {
    const named = await notice({ anonymous: true, location: { label: 'Entrée de l’hôpital Charles-Nicolle' } });
    expect(named.location).toEqual({ label: 'Entrée de l’hôpital Charles-Nicolle' });
    expect(ok(await staffGet(officer, named.id)).location).toEqual({ label: 'Entrée de l’hôpital Charles-Nicolle' });
    const pinned = await notice({ anonymous: true, location: { lat: 36.8, lng: 10.18 } });
    expect(pinned.location).toEqual({ lat: 36.8, lng: 10.18 });
    for (const location of [{ lat: 36.8, label: 'Tunis' }, {}]) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          type: 'notice',
          title: 'Lieu incomplet',
          description: 'Une description assez longue.',
          language: 'fr',
          anonymous: true,
          location,
        },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'common.validation_failed' });
    }
  });

  it('filing is limited per client address (FILING_RATE_LIMIT_PER_MINUTE)', async () => {
    const limited = await buildApp({ ...test.ctx, config: { ...test.ctx.config, FILING_RATE_LIMIT_PER_MINUTE: 2 } });
    try {
      const attempt = (remoteAddress: string) =>
        limited.inject({ method: 'POST', url: '/api/v1/cases', payload: {}, remoteAddress });
      expect((await attempt('192.0.2.1')).statusCode).toBe(400);
      expect((await attempt('192.0.2.1')).statusCode).toBe(400);
      const refused = await attempt('192.0.2.1');
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'common.rate_limited' });
      // Another address is not affected.
      expect((await attempt('192.0.2.2')).statusCode).toBe(400);
    } finally {
      await limited.close();
    }
  });
});
