import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  captureCode,
  captureMail,
  registerAndVerifyCitizen,
  type SmtpSink,
  STRONG_PASSWORD,
  signIn,
  uniqueEmail,
} from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAuditRepository } from '../audit/index.ts';

describe('registration and e-mail verification', () => {
  let sink: SmtpSink;
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: sink.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
  });
  afterAll(async () => {
    await test.close();
    await sink.close();
  });

  const register = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });

  it('a citizen registers, reads the code in the e-mail, verifies and signs in', async () => {
    const email = uniqueEmail('amina');
    const mail = await captureMail(sink, email, async () => {
      const response = await register({ email, password: STRONG_PASSWORD, fullName: 'Amina', language: 'fr' });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ status: 'accepted' });
    });
    expect(mail.subject).toContain('ePeople');
    const code = /(\d{6})/.exec(mail.text)?.[1];
    expect(code).toBeDefined();

    const early = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: STRONG_PASSWORD },
    });
    expect(early.json()).toMatchObject({ code: 'accounts.email_not_verified' });

    const verified = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { email, code } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ status: 'verified' });

    const session = await signIn(app, email, STRONG_PASSWORD);
    const me = await authed(app, session).get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email, kind: 'citizen', emailVerified: true, language: 'fr', roles: [] });
  });

  it('an unverified address is told only after the password is proven right', async () => {
    const email = uniqueEmail();
    await captureMail(sink, email, () =>
      register({ email, password: STRONG_PASSWORD, fullName: 'Hedi', language: 'ar' }),
    );
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: 'not-the-password-1' },
    });
    expect(wrong.json()).toMatchObject({ code: 'accounts.invalid_credentials' });
  });

  it('registering with a known address answers exactly as for a new one, and mails the owner instead', async () => {
    const existing = await registerAndVerifyCitizen(app, sink, { language: 'en' });
    const fresh = uniqueEmail('fresh');
    const payload = (email: string) => ({
      email,
      password: 'another-good-passphrase',
      fullName: 'Someone',
      language: 'fr',
    });

    const forExisting = await register(payload(existing.email));
    const forFresh = await register(payload(fresh));
    expect(forExisting.statusCode).toBe(forFresh.statusCode);
    expect(forExisting.body).toBe(forFresh.body);
    expect(forExisting.headers['set-cookie']).toBeUndefined();

    const notice = await sink.waitFor((mail) => mail.to.includes(existing.email) && /tried/.test(mail.subject));
    expect(notice.text).not.toMatch(/(?<!\d)\d{6}(?!\d)/);
    // The owner's password still works: the attempt changed nothing.
    await signIn(app, existing.email, existing.password);
  });

  it('refuses a short password (under 12 characters, runs of spaces counted once) and a common one, naming the rule', async () => {
    for (const password of ['olive-tree4', 'olive      tree4']) {
      const short = await register({ email: uniqueEmail(), password, fullName: 'Sami', language: 'ar' });
      expect(short.statusCode).toBe(400);
      expect(short.json()).toMatchObject({ code: 'accounts.password_too_short' });
    }
    const tooLong = await register({
      email: uniqueEmail(),
      password: 'ز'.repeat(129),
      fullName: 'Sami',
      language: 'ar',
    });
    expect(tooLong.statusCode).toBe(400);
    const long = await register({
      email: uniqueEmail(),
      password: `${'زيتون '.repeat(12)}2026`,
      fullName: 'Sami',
      language: 'ar',
    });
    expect(long.statusCode, long.body).toBe(202);
    const common = await register({ email: uniqueEmail(), password: '123QweAsdZxc', fullName: 'Sami', language: 'ar' });
    expect(common.statusCode).toBe(400);
    expect(common.json()).toMatchObject({ code: 'accounts.password_too_common' });
  });

  it('a code expires after 10 minutes', async () => {
    const email = uniqueEmail();
    const code = await captureCode(sink, email, () =>
      register({ email, password: STRONG_PASSWORD, fullName: 'Leila', language: 'ar' }),
    );
    test.advanceClock(10 * 60_000 + 1000);
    const late = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { email, code } });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'accounts.invalid_code' });
  });

  it('a code allows 5 attempts, then refuses even the right code', async () => {
    const email = uniqueEmail();
    const code = await captureCode(sink, email, () =>
      register({ email, password: STRONG_PASSWORD, fullName: 'Karim', language: 'ar' }),
    );
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify-email',
        payload: { email, code: wrong },
      });
      expect(response.json()).toMatchObject({ code: 'accounts.invalid_code' });
    }
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { email, code } });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ code: 'accounts.too_many_attempts' });
  });

  it('a new code replaces the previous one', async () => {
    const email = uniqueEmail();
    const first = await captureCode(sink, email, () =>
      register({ email, password: STRONG_PASSWORD, fullName: 'Nour', language: 'ar' }),
    );
    const second = await captureCode(sink, email, async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/resend-verification',
        payload: { email },
      });
      expect(response.statusCode).toBe(202);
    });
    if (first !== second) {
      const old = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify-email',
        payload: { email, code: first },
      });
      expect(old.json()).toMatchObject({ code: 'accounts.invalid_code' });
    }
    const current = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { email, code: second },
    });
    expect(current.statusCode).toBe(200);
  });

  it('an unknown address gets the same answers as a known one', async () => {
    const unknown = uniqueEmail('nobody');
    const verify = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { email: unknown, code: '123456' },
    });
    expect(verify.json()).toMatchObject({ code: 'accounts.invalid_code' });
    const resend = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/resend-verification',
      payload: { email: unknown },
    });
    expect(resend.statusCode).toBe(202);
    const signInUnknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: unknown, password: STRONG_PASSWORD },
    });
    expect(signInUnknown.statusCode).toBe(401);
    expect(signInUnknown.json()).toMatchObject({ code: 'accounts.invalid_credentials' });
  });

  it('registration and verification are audited without the password or code', async () => {
    const { email } = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, email, STRONG_PASSWORD);
    const me = (await authed(app, session).get('/api/v1/me')).json() as { id: string };
    const rows = await createAuditRepository({ db: test.ctx.database.db }).listForSubject('user', me.id);
    expect(rows.map((row) => row.action).sort()).toEqual(
      ['accounts.email_verified', 'accounts.registered', 'accounts.signed_in'].sort(),
    );
    expect(JSON.stringify(rows)).not.toContain(STRONG_PASSWORD);
  });
});
