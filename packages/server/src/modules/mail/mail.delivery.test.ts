import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCode, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { deliverQueuedMail, enqueueTemplatedMail } from './index.ts';
import { deliverMail, startMailDelivery } from './mail.delivery.ts';
import { createMailRepository } from './mail.repository.ts';
import { outboundEmails } from './mail.table.ts';

/**
 * An SMTP server that refuses the first message it is given (451, try later), and the first one
 * to each address tagged `+refuse-once`; it accepts the rest.
 */
async function startFlakySmtpServer() {
  const received: Array<{ to: string[]; text: string; at: number }> = [];
  const refusedTagged = new Set<string>();
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const tagged = to.find((address) => address.includes('+refuse-once') && !refusedTagged.has(address));
      if (refusals === 0 || tagged) {
        refusals++;
        if (tagged) refusedTagged.add(tagged);
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          received.push({ to, text: parsed.text ?? '', at: Date.now() });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusals: () => refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

describe('mail delivery through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startFlakySmtpServer>>;
  let test: TestContext;

  beforeAll(async () => {
    smtp = await startFlakySmtpServer();
    test = await createTestContext({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await test.close();
    await smtp.close();
  });

  const rowOf = async (id: string) =>
    (await test.ctx.database.db.select().from(outboundEmails).where(eq(outboundEmails.id, id)))[0];

  it('a message refused by the SMTP server is retried, delivered once, and its error kept without the address', async () => {
    const to = uniqueEmail('retry');
    const id = await enqueueTemplatedMail({
      db: test.ctx.database.db,
      to,
      language: 'fr',
      template: 'verification_code',
      params: { code: '482913', minutes: 15 },
    });
    await deliverQueuedMail(test.ctx, [id]);
    await waitUntil(() => smtp.received.some((mail) => mail.to.includes(to)));
    expect(smtp.refusals()).toBe(1);
    await waitUntil(async () => (await rowOf(id))?.status === 'sent');
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row?.lastError).toContain('451');
    expect(row?.lastError).not.toContain(to);

    // Duplicate jobs and direct calls find nothing left to send.
    await deliverQueuedMail(test.ctx, [id, id]);
    await deliverMail(test.ctx, [id]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.filter((mail) => mail.to.includes(to))).toHaveLength(1);
    expect(smtp.received.find((mail) => mail.to.includes(to))?.text).toContain('482913');
  });

  it('messages queued together go out at once; a refused one is retried alone, later, once', async () => {
    const addresses = [
      uniqueEmail('batch-a'),
      uniqueEmail('batch-b').replace('@', '+refuse-once@'),
      uniqueEmail('batch-c'),
    ];
    const ids: string[] = [];
    for (const to of addresses) {
      const { id } = await createMailRepository({ db: test.ctx.database.db }).enqueue({
        to,
        language: 'ar',
        template: 'test',
        subject: 'Batch',
        text: 'together',
        html: '<p>together</p>',
      });
      ids.push(id);
    }
    await deliverQueuedMail(test.ctx, ids);
    const arrival = (to: string) => smtp.received.find((mail) => mail.to.includes(to))?.at;
    await waitUntil(() => addresses.every((to) => arrival(to) !== undefined));
    const [first, refused, third] = addresses.map((to) => arrival(to) as number);
    // The retry waits its back-off (2 s); the others did not wait for it.
    expect(refused! - Math.max(first!, third!)).toBeGreaterThan(1000);
    for (const to of addresses) expect(smtp.received.filter((mail) => mail.to.includes(to))).toHaveLength(1);
    // The row is marked sent after the server has taken the message: wait for the mark too.
    await waitUntil(async () => (await rowOf(ids[1]!))?.status === 'sent');
    expect(await rowOf(ids[1]!)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await rowOf(ids[0]!)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('two workers racing for one message send it once', async () => {
    const to = uniqueEmail('race');
    const { id } = await createMailRepository({ db: test.ctx.database.db }).enqueue({
      to,
      language: 'en',
      template: 'test',
      subject: 'Race',
      text: 'once',
      html: '<p>once</p>',
    });
    await Promise.all([deliverMail(test.ctx, [id]), deliverMail(test.ctx, [id]), deliverMail(test.ctx, [id])]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.filter((mail) => mail.to.includes(to))).toHaveLength(1);
    expect((await rowOf(id))?.status).toBe('sent');
  });
});

describe('crash recovery', () => {
  it('at start, messages committed but never queued are delivered', async () => {
    const sink = await startSmtpSink();
    const test = await createTestContext({ env: { SMTP_URL: sink.url }, runStartupHooks: false });
    try {
      const to = uniqueEmail('orphan');
      await createMailRepository({ db: test.ctx.database.db }).enqueue({
        to,
        language: 'ar',
        template: 'test',
        subject: 'Orphan',
        text: 'left behind',
        html: '<p>left behind</p>',
      });
      await startMailDelivery(test.ctx);
      const mail = await sink.waitFor((m) => m.to.includes(to));
      expect(mail.subject).toBe('Orphan');
    } finally {
      await test.close();
      await sink.close();
    }
  });
});

describe('development mailbox', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext({ env: { NODE_ENV: 'development' } });
  });
  afterAll(async () => test.close());

  it('without SMTP, e-mails are kept and listed newest first at /dev/mailbox', async () => {
    const app = await test.buildApp();
    const email = uniqueEmail('dev');
    const code = await captureCode(test, email, () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email, password: 'developer-passphrase', fullName: 'Dev', language: 'en' },
      }),
    );
    await app.inject({ method: 'POST', url: '/api/v1/auth/resend-verification', payload: { email } });
    const response = await app.inject({ method: 'GET', url: '/api/v1/dev/mailbox' });
    expect(response.statusCode).toBe(200);
    const { messages } = response.json() as { messages: Array<{ to: string; text: string; createdAt: string }> };
    const mine = messages.filter((m) => m.to === email);
    expect(mine).toHaveLength(2);
    expect(mine[1]?.text).toContain(code);
    expect(Date.parse(mine[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(mine[1]!.createdAt));
    await waitUntil(async () => {
      const rows = await test.ctx.database.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, email));
      return rows.every((row) => row.status === 'kept');
    });
  });

  it('is absent when an SMTP server is configured', async () => {
    const sink = await startSmtpSink();
    const withSmtp = await createTestContext({ env: { NODE_ENV: 'development', SMTP_URL: sink.url } });
    try {
      const app = await withSmtp.buildApp();
      expect((await app.inject({ method: 'GET', url: '/api/v1/dev/mailbox' })).statusCode).toBe(404);
    } finally {
      await withSmtp.close();
      await sink.close();
    }
  });
});
