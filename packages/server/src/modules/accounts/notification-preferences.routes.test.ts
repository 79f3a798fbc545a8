import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, registerAndVerifyCitizen, type SmtpSink, signIn } from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';

describe('a citizen’s notification channels on /me', () => {
  let sink: SmtpSink;
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let me: ReturnType<typeof authed>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: sink.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    const { email, password } = await registerAndVerifyCitizen(app, sink);
    me = authed(app, await signIn(app, email, password));
  });
  afterAll(async () => {
    await test.close();
    await sink.close();
  });

  const notificationsOf = async () => (await me.get('/api/v1/me')).json().notifications;

  it('start with e-mail on and SMS off', async () => {
    expect(await notificationsOf()).toEqual({ email: true, sms: false });
  });

  it('SMS cannot be turned on without a phone, nor the last channel turned off', async () => {
    const noPhone = await me.patch('/api/v1/me', { notifications: { sms: true } });
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json()).toMatchObject({ code: 'accounts.sms_needs_phone' });
    const none = await me.patch('/api/v1/me', { notifications: { email: false } });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'accounts.notification_channel_required' });
    expect(await notificationsOf()).toEqual({ email: true, sms: false });
  });

  it('with a phone the citizen may switch to SMS only', async () => {
    const changed = await me.patch('/api/v1/me', {
      phone: '+21698123456',
      notifications: { email: false, sms: true },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().notifications).toEqual({ email: false, sms: true });
    expect(await notificationsOf()).toEqual({ email: false, sms: true });
  });

  it('removing the phone turns SMS off and e-mail back on, so one channel always stays', async () => {
    const changed = await me.patch('/api/v1/me', { phone: null });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().notifications).toEqual({ email: true, sms: false });
  });

  it('unknown preference fields are refused', async () => {
    const response = await me.patch('/api/v1/me', { notifications: { pigeon: true } });
    expect(response.statusCode).toBe(400);
  });
});
