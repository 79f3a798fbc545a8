import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { citizenRecipients } from '../../src/modules/cases/index.ts';
import { deliverCaseNotifications } from '../../src/modules/cases/notifications/case-notifications.ts';
import { renderMail } from '../../src/modules/mail/index.ts';
import {
  captureMail,
  registerAndVerifyCitizen,
  type SignedInSession,
  STRONG_PASSWORD,
  signIn,
  uniqueEmail,
} from '../accounts-helpers.ts';
import { unitIdOf } from '../agencies-helpers.ts';
import { startSmsGatewayStandIn } from '../sms-gateway-stand-in.ts';
import { type ReceivedMail, startSmtpSink } from '../smtp-sink.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * What anyone without an account can make ePeople send in its own name (docs/notifications.md):
 * a guest's contact is typed, never verified, so the platform must not carry the guest's text to
 * it (phishing from the official sender), must not send it without bound (flooding an inbox, a
 * phone, or the SMS bill), and must not text numbers abroad (SMS pumping). Real SMTP (the sink),
 * a real HTTP SMS gateway stand-in, a real database.
 */
const PER_RECIPIENT_PER_DAY = 3;
const PER_SENDER_PER_HOUR = 5;
const GATEWAY_TOKEN = 'outbound-test-token';
/** A phishing lure as a guest would type it: title, name and description all theirs. */
const LURE = {
  title: 'Your ePeople account is suspended: confirm at http://epeople-verify.example/login',
  name: 'ePeople Security Team',
  description: 'Sign in at http://epeople-verify.example/login within 24 hours or lose your account.',
};
const LURE_MARKERS = ['epeople-verify.example', 'suspended', 'Security Team'];

describe('what a guest can make ePeople send in its own name', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let gateway: Awaited<ReturnType<typeof startSmsGatewayStandIn>>;
  let health: string;
  let clientCount = 0;
  /** A client address of its own for each use, so one test's counts never meet another's. */
  const freshClient = () => `198.51.100.${++clientCount}`;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    gateway = await startSmsGatewayStandIn(GATEWAY_TOKEN);
    test = await createTestContext({
      env: {
        SMTP_URL: smtp.url,
        SMS_GATEWAY_URL: gateway.url,
        SMS_GATEWAY_TOKEN: GATEWAY_TOKEN,
        SMS_ALLOWED_COUNTRY_CODES: '216',
        UNVERIFIED_ACKS_PER_RECIPIENT_PER_DAY: String(PER_RECIPIENT_PER_DAY),
        UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: String(PER_SENDER_PER_HOUR),
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    app = await test.buildApp();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
  });
  afterAll(async () => {
    await test.close();
    await smtp.close();
    await gateway.close();
  });

  const fileAsGuest = (contact: { email?: string; phone?: string }, client: string, session?: SignedInSession) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: LURE.title,
        description: LURE.description,
        language: 'en',
        publishConsent: false,
        anonymous: false,
        unitId: health,
        ...(session ? {} : { guest: { name: LURE.name, ...contact } }),
      },
      headers: session ? { 'x-csrf-token': session.csrfToken } : {},
      cookies: session ? { epeople_session: session.cookie } : {},
      remoteAddress: client,
    });

  const notificationsOf = (reference: string) =>
    queryRows<{ id: string; status: string; channel: string; last_error: string | null }>(
      test.ctx.database.db,
      sql`SELECT n.id, n.status, n.channel, n.last_error FROM case_notifications n
            JOIN cases c ON c.id = n.case_id WHERE c.reference = ${reference}`,
    );
  const mailsTo = (address: string) => smtp.messages.filter((mail) => mail.to.includes(address));
  /** Waits until each of these filings' acknowledgements is settled: delivered or suppressed. */
  async function settled(references: string[]) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const rows = (await Promise.all(references.map(notificationsOf))).flat();
      if (rows.every((row) => row.status === 'sent' || row.status === 'suppressed')) return rows;
      if (Date.now() > deadline) throw new Error(`notifications not settled: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const expectNoLure = (mail: ReceivedMail) => {
    for (const marker of LURE_MARKERS) {
      expect(mail.subject).not.toContain(marker);
      expect(mail.text).not.toContain(marker);
      expect(mail.html).not.toContain(marker);
    }
  };

  it('a guest cannot make ePeople e-mail their own text to an unverified address', async () => {
    const victim = uniqueEmail('victim');
    const filed = await fileAsGuest({ email: victim }, freshClient());
    expect(filed.statusCode, filed.body).toBe(201);
    const { reference } = filed.json().case;
    const mail = await smtp.waitFor((received) => received.to.includes(victim));
    expect(mail.text).toContain(reference);
    expect(mail.text).toContain(filed.json().accessCode);
    expectNoLure(mail);

    // A verified account holder still reads their own title back.
    const { email } = await registerAndVerifyCitizen(app, smtp, { language: 'en' });
    const citizen = await signIn(app, email, STRONG_PASSWORD);
    const own = await captureMail(smtp, email, async () => {
      expect((await fileAsGuest({}, freshClient(), citizen)).statusCode).toBe(201);
    });
    expect(own.text).toContain(LURE.title);
  });

  it('a guest cannot make ePeople e-mail their own text to an unverified address through later news of the case', async () => {
    // Every citizen notice about a case goes through citizenRecipients: for a guest it drops the
    // title whatever the caller gave, and the texts then name the case by its reference.
    const rows = await citizenRecipients({
      db: test.ctx.database.db,
      theCase: { id: 'case', language: 'en', citizenId: null, guestEmail: uniqueEmail('later'), guestPhone: null },
      template: 'case_rejected',
      data: { reference: 'PET-2026-000042-7', title: LURE.title, trackUrl: 'http://localhost:3000/track' },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.data).not.toHaveProperty('title');
    const rendered = renderMail('case_rejected', 'en', rows[0]?.data as never);
    expect(rendered.text).toContain('PET-2026-000042-7');
    for (const marker of LURE_MARKERS) expect(rendered.text).not.toContain(marker);
  });

  it(`a guest cannot make ePeople e-mail one address more than ${PER_RECIPIENT_PER_DAY} times a day`, async () => {
    const victim = uniqueEmail('flooded');
    const references: string[] = [];
    // From a new client address each time: the per-address limit is not what stops this.
    for (let filing = 0; filing < PER_RECIPIENT_PER_DAY + 2; filing += 1) {
      const filed = await fileAsGuest({ email: victim }, freshClient());
      // Never lose a filing: each one is registered and answers its access code.
      expect(filed.statusCode, filed.body).toBe(201);
      expect(filed.json().accessCode).toEqual(expect.any(String));
      references.push(filed.json().case.reference);
    }
    const rows = await settled(references);
    expect(rows.map((row) => row.status)).toEqual([
      ...Array(PER_RECIPIENT_PER_DAY).fill('sent'),
      'suppressed',
      'suppressed',
    ]);
    expect(rows.filter((row) => row.status === 'suppressed').map((row) => row.last_error)).toEqual([
      'recipient_limit',
      'recipient_limit',
    ]);
    await smtp.waitFor(() => mailsTo(victim).length === PER_RECIPIENT_PER_DAY);
    // A duplicated job or the sweep cannot send a suppressed row either.
    await deliverCaseNotifications(
      test.ctx,
      rows.map((row) => row.id),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo(victim)).toHaveLength(PER_RECIPIENT_PER_DAY);

    // A day later the address may be acknowledged again.
    test.advanceClock(24 * 3_600_000 + 1000);
    const later = await fileAsGuest({ email: victim }, freshClient());
    expect((await settled([later.json().case.reference])).map((row) => row.status)).toEqual(['sent']);
    await smtp.waitFor(() => mailsTo(victim).length === PER_RECIPIENT_PER_DAY + 1);
  });

  it(`one client cannot make ePeople send more than ${PER_SENDER_PER_HOUR} acknowledgements an hour`, async () => {
    const client = freshClient();
    const victims = Array.from({ length: PER_SENDER_PER_HOUR + 2 }, () => uniqueEmail('sprayed'));
    const references: string[] = [];
    for (const victim of victims) {
      const filed = await fileAsGuest({ email: victim }, client);
      expect(filed.statusCode, filed.body).toBe(201);
      references.push(filed.json().case.reference);
    }
    const rows = await settled(references);
    expect(rows.map((row) => row.status)).toEqual([
      ...Array(PER_SENDER_PER_HOUR).fill('sent'),
      'suppressed',
      'suppressed',
    ]);
    expect(rows.at(-1)?.last_error).toBe('sender_limit');
    await smtp.waitFor(() => victims.slice(0, PER_SENDER_PER_HOUR).every((victim) => mailsTo(victim).length === 1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(victims.map((victim) => mailsTo(victim).length)).toEqual([...Array(PER_SENDER_PER_HOUR).fill(1), 0, 0]);

    // Another client is not held back, and the flood did not use up the allowance of the
    // addresses it named: the last victim still gets an acknowledgement asked from elsewhere.
    const elsewhere: string[] = [];
    for (let filing = 0; filing < PER_RECIPIENT_PER_DAY; filing += 1) {
      elsewhere.push((await fileAsGuest({ email: victims.at(-1) as string }, freshClient())).json().case.reference);
    }
    expect((await settled(elsewhere)).map((row) => row.status)).toEqual(Array(PER_RECIPIENT_PER_DAY).fill('sent'));

    // The counters hold no address, e-mail or client IP in clear.
    const counters = await queryRows<{ row: string }>(
      test.ctx.database.db,
      sql`SELECT row_to_json(a)::text AS row FROM attempt_counters a WHERE door LIKE 'unverified_ack_%'`,
    );
    expect(counters.length).toBeGreaterThan(0);
    for (const { row } of counters) {
      expect(row).not.toContain(client);
      expect(row).not.toContain('@');
    }

    // An hour later the client may be acknowledged again.
    test.advanceClock(3_600_000 + 1000);
    const later = await fileAsGuest({ email: uniqueEmail('later') }, client);
    expect((await settled([later.json().case.reference])).map((row) => row.status)).toEqual(['sent']);
  });

  it('a guest cannot make ePeople text a number outside the allowed countries', async () => {
    const casesBefore = await queryRows<{ count: number }>(
      test.ctx.database.db,
      sql`SELECT count(*)::int AS count FROM cases`,
    );
    // +882: international networks, a favourite of SMS pumping; +44: simply another country.
    for (const phone of ['+88235123456', '+447700900123']) {
      const refused = await fileAsGuest({ phone }, freshClient());
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ status: 400, code: 'contact.phone_country_not_allowed' });
    }
    const casesAfter = await queryRows<{ count: number }>(
      test.ctx.database.db,
      sql`SELECT count(*)::int AS count FROM cases`,
    );
    expect(casesAfter[0]?.count).toBe(casesBefore[0]?.count);

    // A Tunisian number is texted, with no text the guest wrote.
    const phone = '+21620123456';
    const filed = await fileAsGuest({ phone }, freshClient());
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await settled([filed.json().case.reference])).map((row) => row.status)).toEqual(['sent']);
    const sms = gateway.received.filter((message) => message.to === phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain(filed.json().case.reference);
    for (const marker of LURE_MARKERS) expect(sms[0]?.text).not.toContain(marker);
    expect(gateway.received.every((message) => message.to.startsWith('+216'))).toBe(true);
  });

  it('an account holder cannot make ePeople text a number outside the allowed countries, even one stored before the rule', async () => {
    // Registration and the profile refuse such a number.
    const register = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: uniqueEmail('abroad'),
        password: STRONG_PASSWORD,
        fullName: 'Amina Ben Salah',
        language: 'en',
        phone: '+88235123456',
      },
    });
    expect(register.statusCode).toBe(400);
    expect(register.json().code).toBe('contact.phone_country_not_allowed');
    const { email } = await registerAndVerifyCitizen(app, smtp, { language: 'en' });
    const citizen = await signIn(app, email, STRONG_PASSWORD);
    const profile = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { phone: '+88235123456', notifications: { sms: true } },
      headers: { 'x-csrf-token': citizen.csrfToken },
      cookies: { epeople_session: citizen.cookie },
    });
    expect(profile.statusCode).toBe(400);
    expect(profile.json().code).toBe('contact.phone_country_not_allowed');

    // A number stored before SMS_ALLOWED_COUNTRY_CODES (or by a path that forgot the check): the
    // SMS path refuses it again, and the notification is suppressed, never sent or retried.
    const foreign = '+88235999999';
    await test.ctx.database.db.execute(
      sql`UPDATE users SET phone = ${foreign}, notify_sms = true WHERE email = ${email.toLowerCase()}`,
    );
    const filed = await fileAsGuest({}, freshClient(), citizen);
    expect(filed.statusCode, filed.body).toBe(201);
    const rows = await settled([filed.json().case.reference]);
    expect(rows.find((row) => row.channel === 'sms')).toMatchObject({
      status: 'suppressed',
      last_error: expect.stringContaining('SMS_ALLOWED_COUNTRY_CODES'),
    });
    expect(gateway.received.filter((message) => message.to === foreign)).toHaveLength(0);
  });

  it('a registrant cannot make ePeople e-mail the name they typed to an unverified address', async () => {
    const address = uniqueEmail('not-theirs');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: address, password: STRONG_PASSWORD, fullName: LURE.name, language: 'en' },
    });
    expect(response.statusCode).toBe(202);
    const mail = await smtp.waitFor((received) => received.to.includes(address));
    expect(mail.text).toMatch(/\d{6}/);
    expectNoLure(mail);
  });
});
