import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  registerAndVerifyCitizen,
  type SmtpSink,
  sessionCookieOf,
  signIn,
} from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAccountsRepository } from './accounts.repository.ts';

describe('sessions, cookies, CSRF and sign-in lockout', () => {
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

  const signInRaw = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

  it('the session cookie is HttpOnly, SameSite=Lax, Path=/, lasts the session TTL, and is not Secure in development', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const response = await signInRaw(email, password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'epeople_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a changing request with a session needs the session’s CSRF token', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, email, password);
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        cookies: { epeople_session: session.cookie },
        headers,
        payload: { fullName: 'Changed Name' },
      });
    const missing = await patch({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'common.csrf_invalid' });
    const wrong = await patch({ 'x-csrf-token': `${session.csrfToken.slice(0, -2)}xx` });
    expect(wrong.json()).toMatchObject({ code: 'common.csrf_invalid' });
    const right = await patch({ 'x-csrf-token': session.csrfToken });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ fullName: 'Changed Name' });
    // Reading needs no token.
    const read = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { epeople_session: session.cookie } });
    expect(read.statusCode).toBe(200);
  });

  it('GET /auth/session answers the session with its CSRF token, 401 without one', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, email, password);
    const described = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { epeople_session: session.cookie },
    });
    expect(described.json()).toMatchObject({
      status: 'signed_in',
      needsEnrolment: false,
      csrfToken: session.csrfToken,
      user: { email },
    });
    const none = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'common.unauthenticated' });
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { epeople_session: 'A'.repeat(43) },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('signing in again rotates the token; signing out ends the session and clears the cookie', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const first = await signIn(app, email, password);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      cookies: { epeople_session: first.cookie },
      headers: { 'x-csrf-token': first.csrfToken },
      payload: { email, password },
    });
    const second = { cookie: sessionCookieOf(again), csrfToken: again.json().csrfToken as string };
    expect(second.cookie).not.toBe(first.cookie);
    expect((await authed(app, first).get('/api/v1/me')).statusCode).toBe(401);

    const out = await authed(app, second).post('/api/v1/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'epeople_session')?.value).toBe('');
    expect((await authed(app, second).get('/api/v1/me')).statusCode).toBe(401);
  });

  it('a citizen session ends SESSION_TTL_HOURS after its last use, and SESSION_MAX_HOURS after sign-in however used', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const idle = await signIn(app, email, password);
    test.advanceClock(12 * 3_600_000 + 1000);
    expect((await authed(app, idle).get('/api/v1/me')).statusCode).toBe(401);

    const used = await signIn(app, email, password);
    for (let hour = 0; hour < 11; hour++) {
      test.advanceClock(3_600_000);
      expect((await authed(app, used).get('/api/v1/me')).statusCode).toBe(200);
    }
    // Used every hour, it would slide on forever; twelve hours after sign-in it ends anyway.
    test.advanceClock(3_600_000 + 1000);
    const ended = await authed(app, used).get('/api/v1/me');
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ code: 'common.unauthenticated' });
  });

  it('repeated failures slow sign-in down, then lock the account for 15 minutes; the lock expires', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    for (let failure = 1; failure <= 10; failure++) {
      const response = await signInRaw(email, `wrong-password-${failure}`);
      expect(response.json()).toMatchObject({ code: 'accounts.invalid_credentials' });
      if (failure >= 5 && failure < 10) {
        // Inside the delay even the right password is refused, with the time to wait.
        const throttled = await signInRaw(email, password);
        expect(throttled.statusCode).toBe(429);
        expect(throttled.json()).toMatchObject({ code: 'accounts.too_many_attempts' });
        expect(throttled.json().retryAfterSeconds).toBe(2 ** (failure - 4));
        test.advanceClock(2 ** (failure - 4) * 1000 + 1);
      }
    }
    const locked = await signInRaw(email, password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'accounts.account_locked', retryAfterSeconds: 900 });
    expect(locked.headers['retry-after']).toBe('900');

    test.advanceClock(14 * 60_000);
    expect((await signInRaw(email, password)).json()).toMatchObject({ code: 'accounts.account_locked' });
    test.advanceClock(60_000 + 1000);
    const after = await signInRaw(email, password);
    expect(after.statusCode).toBe(200);

    // Success reset the count: one new failure does not slow the next attempt.
    await signInRaw(email, 'wrong-password-again');
    expect((await signInRaw(email, password)).statusCode).toBe(200);
  });

  it('a deactivated account cannot sign in, and its open sessions stop working', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const session = await signIn(app, email, password);
    const userId = (await authed(app, session).get('/api/v1/me')).json().id as string;
    await createAccountsRepository({ db: test.ctx.database.db }).updateUser(
      userId,
      { isActive: false },
      test.ctx.now(),
    );
    expect((await authed(app, session).get('/api/v1/me')).statusCode).toBe(401);
    expect((await signInRaw(email, password)).json()).toMatchObject({ code: 'accounts.invalid_credentials' });
  });

  it('anonymous callers of /me are told to sign in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'common.unauthenticated' });
  });
});

describe('rate limits', () => {
  it('authentication routes answer 429 past AUTH_RATE_LIMIT_PER_MINUTE', async () => {
    const test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const app = await test.buildApp();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await signInRaw(app, 'someone@example.tn', 'whatever-password')).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await signInRaw(app, 'someone@example.tn', 'whatever-password');
      expect(limited.json()).toMatchObject({ code: 'common.rate_limited' });
    } finally {
      await test.close();
    }
  });
});

describe('in production', () => {
  it('the session cookie is Secure and the development mailbox does not exist', async () => {
    const test = await createTestContext({ env: { NODE_ENV: 'production' } });
    try {
      const app = await test.buildApp();
      // No SMTP: registration keeps the code in the outbox, which the test reads directly.
      const { email, password } = await registerAndVerifyCitizen(app, test);
      const response = await signInRaw(app, email, password);
      expect(response.cookies.find((c) => c.name === 'epeople_session')?.secure).toBe(true);
      const mailbox = await app.inject({ method: 'GET', url: '/api/v1/dev/mailbox' });
      expect(mailbox.statusCode).toBe(404);
    } finally {
      await test.close();
    }
  });
});

function signInRaw(app: Awaited<ReturnType<TestContext['buildApp']>>, email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
}
