import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  registerAndVerifyCitizen,
  type SmtpSink,
  signIn,
  uniqueEmail,
} from '../../../test/accounts-helpers.ts';
import { categoryIdOf, unitIdOf } from '../../../test/agencies-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { queryRows } from '../../db/client.ts';
import { createUserWithPassword } from '../accounts/index.ts';
import { driveCase, TO_ANSWERED, TO_AWAITING_CITIZEN } from './cases.test-helpers.ts';

describe('cases API: filing, tracking and citizen actions', () => {
  let sink: SmtpSink;
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let healthUnitId: string;
  let supervisor: Actor;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: sink.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    healthUnitId = await unitIdOf(test.ctx.database.db, 'min-health');
    const { userId } = await createUserWithPassword({
      db: test.ctx.database.db,
      kind: 'staff',
      email: uniqueEmail('supervisor'),
      password: 'olive-tree-jasmine-42',
      fullName: 'Hela Ayari',
      language: 'fr',
    });
    supervisor = {
      kind: 'staff',
      userId,
      language: 'fr',
      roles: [{ id: randomUUID(), role: 'supervisor', unitId: healthUnitId, scope: 'subtree' }],
    };
  });
  afterAll(async () => {
    await test.close();
    await sink.close();
  });

  const petition = (extra: Record<string, unknown> = {}) => ({
    type: 'petition',
    title: 'Le centre de santé est fermé le samedi',
    description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
    language: 'fr',
    ...extra,
  });
  const fileAsGuest = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/cases', payload, headers });
  const track = (reference: string, accessCode?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/cases/${reference}`,
      headers: accessCode ? { 'x-access-code': accessCode } : {},
    });
  const act = (reference: string, path: string, payload: unknown, accessCode: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/${path}`,
      payload: payload as object,
      headers: { 'x-access-code': accessCode },
    });

  it('a guest files a petition routed by category, gets a reference and an access code, and an e-mail with both', async () => {
    const email = uniqueEmail('guest');
    const health = await categoryIdOf(test.ctx.database.db, 'health');
    const response = await fileAsGuest(petition({ categoryId: health, guest: { name: 'Sami Trabelsi', email } }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.case.reference).toMatch(/^PET-\d{4}-\d{6}-[0-9A-Z]$/);
    expect(body.accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(body.case.state).toBe('submitted');
    expect(body.case.unit.id).toBe(healthUnitId);
    expect(body.case.dueAt).not.toBeNull();
    expect(body.case.timeline.map((event: { type: string }) => event.type)).toEqual(['CASE_SUBMITTED', 'CASE_ROUTED']);
    const mail = await sink.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toContain(body.case.reference);
    expect(mail.text).toContain(body.accessCode);
  });

  it('an anonymous reporter files a notice with no contact, and may seal an identity', async () => {
    const response = await fileAsGuest({
      type: 'notice',
      title: 'Déversement de déchets dans l’oued',
      description: 'Des camions déversent des déchets chaque nuit près du pont.',
      language: 'ar',
      anonymous: true,
      location: { lat: 36.8, lng: 10.18, label: 'Pont de l’oued' },
      sealedIdentity: { name: 'Nour Hammami', phone: '+21620123456' },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.case.reference).toMatch(/^NOT-/);
    expect(body.case.isAnonymous).toBe(true);
    expect(body.accessCode).toBeTruthy();
    expect(JSON.stringify(body)).not.toContain('Nour');
  });

  it('a guest must give a name and a contact; an anonymous filing must be a notice without contact', async () => {
    const noContact = await fileAsGuest(petition());
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().code).toBe('cases.contact_required');
    const anonymousPetition = await fileAsGuest(petition({ anonymous: true }));
    expect(anonymousPetition.statusCode).toBe(400);
    expect(anonymousPetition.json().code).toBe('common.validation_failed');
  });

  it('a signed-in citizen files, picks the agency, and finds the case in their list without any code', async () => {
    const citizen = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, citizen.email, citizen.password);
    const response = await authed(app, session).post('/api/v1/cases', petition({ unitId: healthUnitId }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.accessCode).toBeNull();
    const mine = await authed(app, session).get('/api/v1/me/cases');
    expect(mine.json().cases.map((c: { reference: string }) => c.reference)).toEqual([body.case.reference]);
    const tracked = await authed(app, session).get(`/api/v1/cases/${body.case.reference}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().allowedActions).toEqual(['add_document', 'withdraw']);
  });

  it('the same Idempotency-Key twice makes one case: 201 then 200 with the same reference and code', async () => {
    const key = randomUUID();
    const payload = petition({ guest: { name: 'Sami Trabelsi', phone: '+21698765432' } });
    const [first, second] = await Promise.all([
      fileAsGuest(payload, { 'idempotency-key': key }),
      fileAsGuest(payload, { 'idempotency-key': key }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 201]);
    expect(first.json().case.reference).toBe(second.json().case.reference);
    expect(first.json().accessCode).toBe(second.json().accessCode);
    const reused = await fileAsGuest(
      { ...payload, title: 'Une autre demande entièrement' },
      { 'idempotency-key': key },
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('cases.idempotency_conflict');
  });

  it('tracking answers the same 404 for a wrong code, an unknown reference and a mistyped check character', async () => {
    const filed = (await fileAsGuest(petition({ guest: { name: 'Sami', email: uniqueEmail('g') } }))).json();
    const { reference } = filed.case;
    const right = await track(reference, filed.accessCode.toLowerCase());
    expect(right.statusCode).toBe(200);
    expect(right.json().reference).toBe(reference);

    const wrongCode = await track(reference, 'AAAA-BBBB-CCCC-DDDD');
    const noCode = await track(reference);
    const unknown = await track(reference.replace(/-\d{6}-/, '-999999-'), filed.accessCode);
    const typo = await track(`${reference.slice(0, -1)}${reference.endsWith('0') ? '1' : '0'}`, filed.accessCode);
    for (const answer of [wrongCode, noCode, unknown, typo]) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json().code).toBe('cases.not_found');
    }
    expect(wrongCode.body.replace(/"requestId":"[^"]+"/, '')).toBe(noCode.body.replace(/"requestId":"[^"]+"/, ''));
  });

  it('wrong access codes are rate limited per address, whether the reference exists or not', async () => {
    const limited = await test.buildApp();
    const attempt = (reference: string) =>
      limited.inject({
        method: 'GET',
        url: `/api/v1/cases/${reference}`,
        headers: { 'x-access-code': 'AAAA-BBBB-CCCC-DDDD' },
        remoteAddress: '203.0.113.9',
      });
    for (let index = 0; index < 10; index += 1) expect((await attempt('PET-2026-000001-X')).statusCode).toBe(404);
    const blocked = await attempt('PET-2026-000001-X');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('common.rate_limited');
  });

  it('the citizen timeline never shows internal notes; the guest replies to an information request', async () => {
    const filed = (
      await fileAsGuest(petition({ unitId: healthUnitId, guest: { name: 'Sami', email: uniqueEmail('g') } }))
    ).json();
    const { reference } = filed.case;
    await driveCase(test.ctx, supervisor, reference, [...TO_AWAITING_CITIZEN, 'add_note']);
    const before = (await track(reference, filed.accessCode)).json();
    expect(before.state).toBe('awaiting_citizen');
    expect(JSON.stringify(before)).not.toContain('caller seemed upset');
    expect(before.timeline.every((event: { visibility: string }) => event.visibility === 'public')).toBe(true);
    expect(before.allowedActions).toContain('reply_info');

    const replied = await act(reference, 'info-reply', { message: 'Rue de la Liberté, n° 12.' }, filed.accessCode);
    expect(replied.statusCode).toBe(200);
    expect(replied.json().state).toBe('in_progress');
    expect(replied.json().pausedAt).toBeNull();
  });

  it('a citizen action in the wrong state, or by the wrong person, is refused and changes nothing', async () => {
    const filed = (
      await fileAsGuest(petition({ unitId: healthUnitId, guest: { name: 'Sami', email: uniqueEmail('g') } }))
    ).json();
    const { reference } = filed.case;
    const rate = await act(reference, 'rating', { rating: 5 }, filed.accessCode);
    expect(rate.statusCode).toBe(409);
    expect(rate.json().code).toBe('cases.invalid_transition');
    const reply = await act(reference, 'info-reply', { message: 'Voici' }, filed.accessCode);
    expect(reply.json().code).toBe('cases.invalid_transition');

    const stranger = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, stranger.email, stranger.password);
    const withdrawn = await authed(app, session).post(`/api/v1/cases/${reference}/withdrawal`, {});
    expect(withdrawn.statusCode).toBe(404);
    expect(withdrawn.json().code).toBe('cases.not_found');
    const wrongCode = await act(reference, 'withdrawal', {}, 'AAAA-BBBB-CCCC-DDDD');
    expect(wrongCode.statusCode).toBe(404);

    const after = (await track(reference, filed.accessCode)).json();
    expect(after.state).toBe('submitted');
    expect(after.timeline).toEqual(filed.case.timeline);
  });

  it('an answered case is rated once, and a follow-up reopens it to the same unit, once', async () => {
    const filed = (
      await fileAsGuest(petition({ unitId: healthUnitId, guest: { name: 'Sami', email: uniqueEmail('g') } }))
    ).json();
    const { reference } = filed.case;
    await driveCase(test.ctx, supervisor, reference, TO_ANSWERED);
    const answered = (await track(reference, filed.accessCode)).json();
    expect(answered.answerText).toBe('The road will be repaired.');

    const rated = await act(reference, 'rating', { rating: 2, comment: 'Trop lent.' }, filed.accessCode);
    expect(rated.json().state).toBe('closed');
    expect(rated.json().rating).toBe(2);
    expect((await act(reference, 'rating', { rating: 5 }, filed.accessCode)).json().code).toBe('cases.already_rated');

    const followUp = await act(reference, 'follow-up', { reason: 'Rien n’a changé.' }, filed.accessCode);
    expect(followUp.statusCode).toBe(200);
    expect(followUp.json().state).toBe('reopened');
    expect(followUp.json().unit.id).toBe(healthUnitId);
    expect(followUp.json().followUpUsed).toBe(true);
    // The guest is told by e-mail, in the case's language.
    const toGuest = await queryRows<{ template: string; channel: string; language: string }>(
      test.ctx.database.db,
      sql`SELECT template, channel, language FROM case_notifications
          WHERE case_id = ${filed.case.id} AND template = 'case_follow_up_received'`,
    );
    expect(toGuest).toEqual([{ template: 'case_follow_up_received', channel: 'email', language: 'fr' }]);
  });

  it('an anonymous reporter writes in the thread and consents to reveal the sealed identity', async () => {
    const filed = (
      await fileAsGuest({
        type: 'notice',
        title: 'Pots-de-vin au guichet',
        description: 'Un agent demande de l’argent pour délivrer les extraits.',
        language: 'fr',
        anonymous: true,
        unitId: healthUnitId,
        sealedIdentity: { name: 'Nour Hammami' },
      })
    ).json();
    const { reference } = filed.case;
    const message = await act(reference, 'messages', { body: 'J’ai une photo du reçu.' }, filed.accessCode);
    expect(message.statusCode).toBe(200);
    expect(message.json().timeline.at(-1)).toMatchObject({ type: 'MESSAGE_POSTED', data: { from: 'citizen' } });
    const consent = await act(reference, 'identity-consent', {}, filed.accessCode);
    expect(consent.statusCode).toBe(200);
    expect(consent.json().timeline.at(-1).type).toBe('IDENTITY_REVEAL_CONSENTED');
    expect((await act(reference, 'identity-consent', {}, filed.accessCode)).json().code).toBe(
      'cases.identity_already_revealed',
    );
  });
});
