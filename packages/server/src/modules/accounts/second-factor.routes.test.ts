import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  captureCode,
  registerAndVerifyCitizen,
  type SmtpSink,
  sessionCookieOf,
  signIn,
  totpCode,
  uniqueEmail,
} from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { deliverQueuedMail } from '../mail/index.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createStaffAccount, createUserWithPassword } from './index.ts';

const STAFF_PASSWORD = 'carthage-harbour-1979';

describe('staff second factor (TOTP)', () => {
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

  async function newStaffMember(): Promise<{ email: string; userId: string }> {
    const email = uniqueEmail('officer');
    const { userId } = await test.ctx.database.db.transaction((tx) =>
      createUserWithPassword({
        db: tx,
        kind: 'staff',
        email,
        password: STAFF_PASSWORD,
        fullName: 'Officer Mehdi',
        language: 'fr',
      }),
    );
    return { email, userId };
  }

  const passwordSignIn = async (email: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: STAFF_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    return { response, session: { cookie: sessionCookieOf(response), csrfToken: response.json().csrfToken as string } };
  };

  it('a staff member must enrol TOTP before any other route works, then verifies at the next sign-in', async () => {
    const { email, userId } = await newStaffMember();
    const { response, session: pending } = await passwordSignIn(email);
    expect(response.json()).toMatchObject({ status: 'second_factor_pending', needsEnrolment: true });

    // The pending session is signed-out for everything but the session and second-factor routes.
    expect((await authed(app, pending).get('/api/v1/me')).statusCode).toBe(401);
    expect((await authed(app, pending).patch('/api/v1/me', { fullName: 'X Y' })).statusCode).toBe(401);
    const described = await authed(app, pending).get('/api/v1/auth/session');
    expect(described.json()).toMatchObject({ status: 'second_factor_pending', needsEnrolment: true });
    // Verify before enrolling is refused.
    const early = await authed(app, pending).post('/api/v1/auth/second-factor/verify', { code: '123456' });
    expect(early.json()).toMatchObject({ code: 'accounts.second_factor_enrolment_required' });

    const first = (await authed(app, pending).post('/api/v1/auth/second-factor/enrol')).json();
    const enrolment = await authed(app, pending).post('/api/v1/auth/second-factor/enrol');
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUri } = enrolment.json() as { secret: string; otpauthUri: string };
    expect(secret).not.toBe(first.secret);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/ePeople:/);
    expect(otpauthUri).toContain('issuer=ePeople');
    const stored = await createAccountsRepository({ db: test.ctx.database.db }).findUserById(userId);
    expect(stored?.totpSecretEncrypted).toBeTruthy();
    expect(stored?.totpSecretEncrypted).not.toContain(secret);

    // A code from the replaced secret no longer works.
    const stale = await authed(app, pending).post('/api/v1/auth/second-factor/confirm', {
      code: await totpCode(first.secret, test.ctx.now()),
    });
    expect(stale.json()).toMatchObject({ code: 'accounts.second_factor_invalid' });

    const code = await totpCode(secret, test.ctx.now());
    const confirmed = await authed(app, pending).post('/api/v1/auth/second-factor/confirm', { code });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'signed_in',
      user: { secondFactorEnrolled: true, kind: 'staff' },
    });
    const signedIn = { cookie: sessionCookieOf(confirmed), csrfToken: confirmed.json().csrfToken as string };
    expect(signedIn.cookie).not.toBe(pending.cookie);
    expect((await authed(app, pending).get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await authed(app, signedIn).get('/api/v1/me')).json()).toMatchObject({ email, kind: 'staff', roles: [] });
    expect((await authed(app, signedIn).post('/api/v1/auth/sign-out')).statusCode).toBe(204);

    // Next sign-in: no enrolment, a code instead; the code just used cannot be replayed.
    const { response: again, session: pendingAgain } = await passwordSignIn(email);
    expect(again.json()).toMatchObject({ status: 'second_factor_pending', needsEnrolment: false });
    const enrolAgain = await authed(app, pendingAgain).post('/api/v1/auth/second-factor/enrol');
    expect(enrolAgain.json()).toMatchObject({ code: 'accounts.second_factor_already_enrolled' });
    const replay = await authed(app, pendingAgain).post('/api/v1/auth/second-factor/verify', { code });
    expect(replay.json()).toMatchObject({ code: 'accounts.second_factor_invalid' });
    test.advanceClock(30_000);
    const verified = await authed(app, pendingAgain).post('/api/v1/auth/second-factor/verify', {
      code: await totpCode(secret, test.ctx.now()),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'signed_in' });
  });

  it('wrong TOTP codes count toward the sign-in lockout', async () => {
    const { email } = await newStaffMember();
    const session = await signIn(app, email, STAFF_PASSWORD, { now: test.ctx.now });
    await authed(app, session).post('/api/v1/auth/sign-out');
    const { session: pending } = await passwordSignIn(email);
    const valid = await totpCode(session.totpSecret!, test.ctx.now());
    const wrong = valid === '000000' ? '111111' : '000000';
    for (let failure = 1; failure <= 10; failure++) {
      const response = await authed(app, pending).post('/api/v1/auth/second-factor/verify', { code: wrong });
      expect(response.json()).toMatchObject({ code: 'accounts.second_factor_invalid' });
      if (failure >= 5) test.advanceClock(2 ** (failure - 4) * 1000 + 1);
    }
    const locked = await authed(app, pending).post('/api/v1/auth/second-factor/verify', {
      code: await totpCode(session.totpSecret!, test.ctx.now()),
    });
    expect(locked.json()).toMatchObject({ code: 'accounts.account_locked' });
    const byPassword = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: STAFF_PASSWORD },
    });
    expect(byPassword.statusCode).toBe(423);
    test.advanceClock(15 * 60_000 + 1000);
  });

  it('a citizen has no second factor to enrol', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, email, password);
    const response = await authed(app, session).post('/api/v1/auth/second-factor/enrol');
    expect(response.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enrol' })).statusCode).toBe(401);
  });

  it('a created staff member sets a password with the invitation code, in their language, then enrols', async () => {
    const email = uniqueEmail('invited');
    const code = await captureCode(sink, email, async () => {
      const { emailIds } = await test.ctx.database.db.transaction((tx) =>
        createStaffAccount({
          db: tx,
          ctx: test.ctx,
          input: { email, fullName: 'Invited Officer', language: 'ar' },
          actor: { kind: 'system', name: 'test' },
          requestId: 'test',
        }),
      );
      expect(emailIds).toHaveLength(1);
      await deliverQueuedMail(test.ctx);
    });
    const invitation = sink.messages.find((mail) => mail.to.includes(email));
    expect(invitation?.html).toContain('dir="rtl"');

    const duplicate = test.ctx.database.db.transaction((tx) =>
      createStaffAccount({
        db: tx,
        ctx: test.ctx,
        input: { email, fullName: 'Again', language: 'fr' },
        actor: { kind: 'system', name: 'test' },
      }),
    );
    await expect(duplicate).rejects.toMatchObject({ code: 'staff.email_taken' });

    // Valid for 72 hours, not just 15 minutes.
    test.advanceClock(48 * 3_600_000);
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { email, code, newPassword: STAFF_PASSWORD },
    });
    expect(reset.statusCode).toBe(204);
    const session = await signIn(app, email, STAFF_PASSWORD, { now: test.ctx.now });
    expect(session.totpSecret).toBeTruthy();
    expect((await authed(app, session).get('/api/v1/me')).json()).toMatchObject({ secondFactorEnrolled: true });
  });
});
