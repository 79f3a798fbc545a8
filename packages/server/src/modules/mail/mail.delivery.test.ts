import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCode, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { deliverQueuedMail, enqueueTemplatedMail } from './index.ts';
import { deliverMail, startMailDelivery, sweepMail } from './mail.delivery.ts';
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
      const stopSweeping = await startMailDelivery(test.ctx);
      const mail = await sink.waitFor((m) => m.to.includes(to));
      expect(mail.subject).toBe('Orphan');
      stopSweeping();
    } finally {
      await test.close();
      await sink.close();
    }
  });

  it('a message whose node died mid-send is taken back once its lease runs out and sent again with the same Message-ID; one under a live lease is left alone', async () => {
    const sink = await startSmtpSink();
    const test = await createTestContext({
      env: { SMTP_URL: sink.url, PUBLIC_URL: 'https://epeople.example.tn' },
      runStartupHooks: false,
    });
    try {
      const repository = createMailRepository({ db: test.ctx.database.db });
      const to = uniqueEmail('lease');
      const { id } = await repository.enqueue({
        to,
        language: 'fr',
        template: 'test',
        subject: 'Lease',
        text: 'held by a node that died',
        html: '<p>held</p>',
      });
      // A node claims it and dies before recording it sent: nobody renews its lease.
      expect(await repository.claim([id], 60)).toHaveLength(1);
      await deliverMail(test.ctx, [id]);
      expect(await sweepMail(test.ctx)).toBe(0);
      expect(sink.messages.filter((mail) => mail.to.includes(to))).toHaveLength(0);

      await test.ctx.database.db
        .update(outboundEmails)
        .set({ claimedUntil: new Date(Date.now() - 1000) })
        .where(eq(outboundEmails.id, id));
      expect(await sweepMail(test.ctx)).toBe(1);
      await deliverMail(test.ctx, [id]);
      const mail = await sink.waitFor((m) => m.to.includes(to));
      expect(mail.messageId).toBe(`<${id}@epeople.example.tn>`);
      expect((await outboxRowOf(test, id))?.status).toBe('sent');
    } finally {
      await test.close();
      await sink.close();
    }
  });

  it('a worker slower than its lease keeps its messages by renewing it: a second worker sends none of them again', async () => {
    // 4 messages at 1.2 s each outlast the 3 s lease taken for all of them at once.
    const sink = await startSmtpSink({ acceptDelayMs: 1_200 });
    const test = await createTestContext({
      env: { SMTP_URL: sink.url, DELIVERY_LEASE_SECONDS: '3' },
      runStartupHooks: false,
    });
    try {
      const repository = createMailRepository({ db: test.ctx.database.db });
      const to = uniqueEmail('renewed');
      const ids = await repository.enqueueMany(
        [1, 2, 3, 4].map((n) => ({
          to,
          language: 'en' as const,
          template: 'test',
          subject: `Slow ${n}`,
          text: 'slow',
          html: '<p>slow</p>',
        })),
      );
      const first = deliverMail(test.ctx, ids);
      await new Promise((resolve) => setTimeout(resolve, 3_800));
      await Promise.all([first, deliverMail(test.ctx, ids)]);
      expect(
        sink.messages
          .filter((mail) => mail.to.includes(to))
          .map((mail) => mail.subject)
          .sort(),
      ).toEqual(['Slow 1', 'Slow 2', 'Slow 3', 'Slow 4']);
    } finally {
      await test.close();
      await sink.close();
    }
  }, 20_000);
});

const outboxRowOf = async (test: TestContext, id: string) =>
  (await test.ctx.database.db.select().from(outboundEmails).where(eq(outboundEmails.id, id)))[0];

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
