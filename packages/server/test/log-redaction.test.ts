import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/modules/seed/index.ts';
import { captureCode, registerAndVerifyCitizen, STRONG_PASSWORD, signIn } from './accounts-helpers.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { createTestContext, type TestContext } from './test-context.ts';

/** Personal data and secrets never reach the logs, even at the most verbose level. */
describe('logs', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let test: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: smtp.url }, logger: createLogger('trace', capture) });
  });
  afterAll(async () => {
    await test.close();
    await smtp.close();
  });

  it('carry request ids but no password, code, e-mail address, message body or TOTP secret', async () => {
    const app = await test.buildApp();
    const email = 'amina.logcheck@example.tn';
    const { password } = await registerAndVerifyCitizen(app, smtp, { email });
    await signIn(app, email, password);
    const newPassword = 'fig-and-pomegranate-77';
    const resetCode = await captureCode(smtp, email, () =>
      app.inject({ method: 'POST', url: '/api/v1/auth/password/forgot', payload: { email } }),
    );
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/reset',
      payload: { email, code: resetCode, newPassword },
    });
    expect(reset.statusCode).toBe(204);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: 'wrong-password-123' },
    });
    await seedDemoAccounts(test.ctx);
    const officer = DEMO_ACCOUNTS.find((account) => account.role?.role === 'officer');
    const staffSession = await signIn(app, officer!.email, DEMO_PASSWORD);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    for (const secret of [
      STRONG_PASSWORD,
      newPassword,
      'wrong-password-123',
      DEMO_PASSWORD,
      resetCode,
      email,
      staffSession.totpSecret!,
      staffSession.cookie,
    ]) {
      expect(log).not.toContain(secret);
    }
    const firstMail = smtp.messages[0]!;
    expect(log).not.toContain(firstMail.text.slice(0, 40));
  });
});
