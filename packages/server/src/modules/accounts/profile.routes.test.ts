import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authed,
  captureCode,
  registerAndVerifyCitizen,
  type SmtpSink,
  signIn,
  uniqueEmail,
} from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAuditRepository } from '../audit/index.ts';
import { createAccountsRepository } from './accounts.repository.ts';
import { createUserWithPassword } from './index.ts';

describe('password reset, profile, password change and account deletion', () => {
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

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

  it('a password reset sets the new password, verifies the address and ends every session', async () => {
    const email = uniqueEmail();
    await captureCode(sink, email, () =>
      post('/api/v1/auth/register', { email, password: 'first-password-ok', fullName: 'Youssef', language: 'en' }),
    );
    // Never verified: a reset proves the address too.
    const code = await captureCode(sink, email, async () => {
      const response = await post('/api/v1/auth/password/forgot', { email });
      expect(response.statusCode).toBe(202);
    });
    const tooShort = await post('/api/v1/auth/password/reset', { email, code, newPassword: 'short' });
    expect(tooShort.json()).toMatchObject({ code: 'accounts.password_too_short' });
    const reset = await post('/api/v1/auth/password/reset', { email, code, newPassword: 'second-password-ok' });
    expect(reset.statusCode).toBe(204);
    const reused = await post('/api/v1/auth/password/reset', { email, code, newPassword: 'third-password-ok' });
    expect(reused.json()).toMatchObject({ code: 'accounts.invalid_code' });

    const session = await signIn(app, email, 'second-password-ok');
    const other = await signIn(app, email, 'second-password-ok');
    const again = await captureCode(sink, email, () => post('/api/v1/auth/password/forgot', { email }));
    expect(
      (await post('/api/v1/auth/password/reset', { email, code: again, newPassword: 'fourth-password-ok' })).statusCode,
    ).toBe(204);
    expect((await authed(app, session).get('/api/v1/me')).statusCode).toBe(401);
    expect((await authed(app, other).get('/api/v1/me')).statusCode).toBe(401);
    const old = await post('/api/v1/auth/sign-in', { email, password: 'second-password-ok' });
    expect(old.json()).toMatchObject({ code: 'accounts.invalid_credentials' });
    await signIn(app, email, 'fourth-password-ok');
  });

  it('forgot-password answers the same for an unknown address and sends nothing', async () => {
    const unknown = uniqueEmail('ghost');
    const before = sink.messages.length;
    const response = await post('/api/v1/auth/password/forgot', { email: unknown });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.messages.slice(before).some((mail) => mail.to.includes(unknown))).toBe(false);
  });

  it('a reset lifts a lockout', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    for (let failure = 1; failure <= 10; failure++) {
      await post('/api/v1/auth/sign-in', { email, password: `nope-nope-${failure}` });
      test.advanceClock(70_000);
    }
    expect((await post('/api/v1/auth/sign-in', { email, password })).statusCode).toBe(423);
    const code = await captureCode(sink, email, () => post('/api/v1/auth/password/forgot', { email }));
    expect(
      (await post('/api/v1/auth/password/reset', { email, code, newPassword: 'unlocked-again-ok' })).statusCode,
    ).toBe(204);
    await signIn(app, email, 'unlocked-again-ok');
  });

  it('a citizen edits their profile; the audit names the fields, not the values', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink, { language: 'ar' });
    const session = await signIn(app, email, password);
    const response = await authed(app, session).patch('/api/v1/me', {
      fullName: 'Amina Trabelsi',
      phone: '+21620123456',
      governorate: 'TN-61',
      language: 'fr',
    });
    expect(response.statusCode).toBe(200);
    const user = response.json();
    expect(user).toMatchObject({
      fullName: 'Amina Trabelsi',
      phone: '+21620123456',
      governorate: 'TN-61',
      language: 'fr',
    });
    const cleared = await authed(app, session).patch('/api/v1/me', { phone: null, governorate: null });
    expect(cleared.json()).toMatchObject({ phone: null, governorate: null, language: 'fr' });
    const invalid = await authed(app, session).patch('/api/v1/me', { governorate: 'TN-99' });
    expect(invalid.statusCode).toBe(400);

    const audit = await createAuditRepository({ db: test.ctx.database.db }).listForSubject('user', user.id);
    const updates = audit.filter((row) => row.action === 'accounts.profile_updated');
    expect(updates.map((row) => row.data)).toContainEqual({ fields: ['fullName', 'phone', 'governorate', 'language'] });
    expect(JSON.stringify(updates)).not.toContain('Trabelsi');
  });

  it('changing the password needs the current one and ends the other sessions only', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    const here = await signIn(app, email, password);
    const elsewhere = await signIn(app, email, password);
    const wrong = await authed(app, here).post('/api/v1/me/password', {
      currentPassword: 'not-my-password',
      newPassword: 'brand-new-password',
    });
    expect(wrong.json()).toMatchObject({ code: 'accounts.wrong_password' });
    const common = await authed(app, here).post('/api/v1/me/password', {
      currentPassword: password,
      newPassword: '1q2w3e4r5t6y',
    });
    expect(common.json()).toMatchObject({ code: 'accounts.password_too_common' });
    const changed = await authed(app, here).post('/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'brand-new-password',
    });
    expect(changed.statusCode).toBe(204);
    expect((await authed(app, here).get('/api/v1/me')).statusCode).toBe(200);
    expect((await authed(app, elsewhere).get('/api/v1/me')).statusCode).toBe(401);
    await signIn(app, email, 'brand-new-password');
  });

  it('deleting an account anonymises it, ends its sessions and frees the address', async () => {
    const { email, password } = await registerAndVerifyCitizen(app, sink, { phone: '+21698765432' });
    const session = await signIn(app, email, password);
    const userId = (await authed(app, session).get('/api/v1/me')).json().id as string;
    const wrong = await authed(app, session).delete('/api/v1/me', { password: 'not-my-password' });
    expect(wrong.json()).toMatchObject({ code: 'accounts.wrong_password' });
    const deleted = await authed(app, session).delete('/api/v1/me', { password });
    expect(deleted.statusCode).toBe(204);
    expect((await authed(app, session).get('/api/v1/me')).statusCode).toBe(401);

    const row = await createAccountsRepository({ db: test.ctx.database.db }).findUserById(userId);
    expect(row?.email).toMatch(/^deleted\+[0-9a-f-]{36}@invalid$/);
    expect(row).toMatchObject({ fullName: '', phone: null, passwordHash: null });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    const audit = await createAuditRepository({ db: test.ctx.database.db }).listForSubject('user', userId);
    expect(audit.map((r) => r.action)).toContain('accounts.account_deleted');

    expect((await post('/api/v1/auth/sign-in', { email, password })).json()).toMatchObject({
      code: 'accounts.invalid_credentials',
    });
    const again = await registerAndVerifyCitizen(app, sink, { email, password: 'a-new-life-begins' });
    await signIn(app, again.email, again.password);
  });

  it('staff cannot delete their own account', async () => {
    const email = uniqueEmail('staff');
    await test.ctx.database.db.transaction((tx) =>
      createUserWithPassword({
        db: tx,
        kind: 'staff',
        email,
        password: 'staff-password-ok',
        fullName: 'Rim',
        language: 'en',
      }),
    );
    const session = await signIn(app, email, 'staff-password-ok', { now: test.ctx.now });
    const response = await authed(app, session).delete('/api/v1/me', { password: 'staff-password-ok' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'accounts.staff_cannot_self_delete' });
  });
});
