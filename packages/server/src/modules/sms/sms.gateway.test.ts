import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FileCaseRequest } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createLogger } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { fileCase } from '../cases/index.ts';
import { createCaseNotificationsRepository } from '../cases/notifications/case-notifications.repository.ts';
import { deliverCaseNotifications } from '../cases/notifications/case-notifications.ts';
import { createHttpSmsGateway, SmsGatewayError } from './sms.gateway.ts';

const TOKEN = 'gateway-token-for-tests';

interface ReceivedSms {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: { to: string; text: string; sender?: string };
  status: number;
}

/**
 * A real HTTP SMS gateway on a local port: checks the bearer token, records every request. It
 * fails the next `failuresLeft` requests, and always refuses the numbers in `refused`.
 */
async function startGateway() {
  const received: ReceivedSms[] = [];
  const state = { failuresLeft: 0, served: 0, refused: new Set<string>() };
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  };
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const authorization = request.headers.authorization;
      let status = 200;
      if (authorization !== `Bearer ${TOKEN}`) status = 401;
      else if (state.refused.has(body.to)) status = 500;
      else if (state.failuresLeft > 0) {
        state.failuresLeft -= 1;
        status = 500;
      }
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      received.push({ authorization, idempotencyKey, body, status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { id: `provider-${++state.served}` } : { error: 'no' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Gateway = Awaited<ReturnType<typeof startGateway>>;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the HTTP SMS gateway', () => {
  let gateway: Gateway;
  let test: TestContext;
  let health: string;
  const logLines: string[] = [];
  const logs = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  beforeAll(async () => {
    gateway = await startGateway();
    test = await createTestContext({
      env: { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: TOKEN, SMS_SENDER: 'ePeople' },
      logger: createLogger('warn', logs),
    });
    health = await unitIdOf(test.ctx.database.db, 'min-health');
  });
  afterAll(async () => {
    await test.close();
    await gateway.close();
  });

  const guestWithPhone = (phone: string): FileCaseRequest => ({
    type: 'guidance',
    title: 'Horaires du centre de santé',
    description: 'Quels sont les horaires d’ouverture du centre de santé de mon quartier ?',
    language: 'fr',
    publishConsent: false,
    anonymous: false,
    guest: { name: 'Amina Ben Salah', phone },
    unitId: health,
  });
  const smsRow = async (caseId: string) =>
    (
      await queryRows<{ id: string; status: string; attempts: number; provider_message_id: string | null }>(
        test.ctx.database.db,
        sql`SELECT id, status, attempts, provider_message_id FROM case_notifications
            WHERE case_id = ${caseId} AND channel = 'sms'`,
      )
    )[0]!;

  it('posts JSON with the bearer token and an idempotency key, and answers the provider id', async () => {
    const http = createHttpSmsGateway({ url: gateway.url, token: TOKEN, sender: 'ePeople' });
    const id = await http.send('+21620000001', 'Bonjour', { idempotencyKey: 'key-1' });
    expect(id).toMatch(/^provider-/);
    expect(gateway.received.at(-1)).toEqual({
      authorization: `Bearer ${TOKEN}`,
      idempotencyKey: 'key-1',
      body: { to: '+21620000001', text: 'Bonjour', sender: 'ePeople' },
      status: 200,
    });
    const wrongToken = createHttpSmsGateway({ url: gateway.url, token: 'wrong', sender: undefined });
    await expect(wrongToken.send('+21620000001', 'Bonjour', { idempotencyKey: 'key-2' })).rejects.toBeInstanceOf(
      SmsGatewayError,
    );
  });

  it('a guest who gave a phone gets the acknowledgement with the access code by SMS, sent once', async () => {
    const phone = '+21620000002';
    const { theCase, accessCode } = await fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: guestWithPhone(phone),
    });
    const row = await waitFor(
      () => smsRow(theCase.id),
      (r) => r.status === 'sent',
    );
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      provider_message_id: expect.stringMatching(/^provider-/),
    });
    const sent = gateway.received.filter((request) => request.body.to === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.idempotencyKey).toBe(row.id);
    expect(sent[0]?.body.text).toContain(theCase.reference);
    expect(sent[0]?.body.text).toContain(accessCode);
    expect(sent[0]?.body.text).toContain(`/track/${theCase.reference}`);

    // Delivering the same row again (a duplicated job) sends nothing.
    await deliverCaseNotifications(test.ctx, [row.id]);
    expect(gateway.received.filter((request) => request.body.to === phone)).toHaveLength(1);
  });

  it('a failing gateway (500) is retried by the job with the same key, and the message is accepted once', async () => {
    const phone = '+21620000003';
    gateway.state.failuresLeft = 1;
    const { theCase } = await fileCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, input: guestWithPhone(phone) });
    const row = await waitFor(
      () => smsRow(theCase.id),
      (r) => r.status === 'sent',
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const requests = gateway.received.filter((request) => request.body.to === phone);
    expect(requests.map((request) => request.status)).toEqual([500, 200]);
    expect(new Set(requests.map((request) => request.idempotencyKey))).toEqual(new Set([row.id]));
    await deliverCaseNotifications(test.ctx, [row.id]);
    expect(gateway.received.filter((request) => request.body.to === phone)).toHaveLength(2);
  });

  it('an SMS whose node died mid-call is sent again with the same Idempotency-Key once its lease runs out, never while it lasts', async () => {
    const phone = '+21620000015';
    const { theCase } = await fileCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, input: guestWithPhone(phone) });
    const row = await waitFor(
      () => smsRow(theCase.id),
      (r) => r.status === 'sent',
    );
    // As if a node had marked it `sending` and died before the gateway answered.
    const db = test.ctx.database.db;
    await db.execute(sql`UPDATE case_notifications SET status = 'sending', claimed_until = now() + interval '1 hour'
                         WHERE id = ${row.id}`);
    await deliverCaseNotifications(test.ctx, [row.id]);
    expect(await createCaseNotificationsRepository({ db }).listPending()).not.toContain(row.id);
    await db.execute(
      sql`UPDATE case_notifications SET claimed_until = now() - interval '1 second' WHERE id = ${row.id}`,
    );
    expect(await createCaseNotificationsRepository({ db }).listPending()).toContain(row.id);
    await deliverCaseNotifications(test.ctx, [row.id]);
    expect((await smsRow(theCase.id)).status).toBe('sent');
    const requests = gateway.received.filter((request) => request.body.to === phone);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((request) => request.idempotencyKey))).toEqual(new Set([row.id]));
  });

  it('a message the gateway always refuses is failed after six attempts, logged without its content, and never queued again', async () => {
    const phone = '+21620000005';
    gateway.state.refused.add(phone);
    const { theCase } = await fileCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, input: guestWithPhone(phone) });
    // The job's own retries back off for about a minute: the test delivers the row itself as well
    // (a delivery finds nothing to do while the job holds the row).
    let row = await smsRow(theCase.id);
    for (let round = 0; round < 200 && row.status !== 'failed'; round++) {
      await deliverCaseNotifications(test.ctx, [row.id]).catch(() => undefined);
      row = await smsRow(theCase.id);
      if (row.status !== 'failed') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    const requests = gateway.received.filter((request) => request.body.to === phone);
    expect(requests.map((request) => request.status)).toEqual([500, 500, 500, 500, 500, 500]);
    expect(new Set(requests.map((request) => request.idempotencyKey))).toEqual(new Set([row.id]));

    // Given up: not queued again at start, and a late retry of the job sends nothing.
    expect(await createCaseNotificationsRepository({ db: test.ctx.database.db }).listPending()).not.toContain(row.id);
    await deliverCaseNotifications(test.ctx, [row.id]);
    expect(gateway.received.filter((request) => request.body.to === phone)).toHaveLength(6);

    const gaveUp = logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'SMS delivery gave up');
    expect(gaveUp).toEqual([
      expect.objectContaining({ notificationId: row.id, caseId: theCase.id, attempts: 6, reason: expect.any(String) }),
    ]);
    const logged = logLines.join('\n');
    expect(logged).not.toContain(phone);
    expect(logged).not.toContain(theCase.reference);
  });

  it('the development SMS outbox does not exist when a gateway is configured', async () => {
    const app = await test.buildApp();
    expect((await app.inject({ method: 'GET', url: '/api/v1/dev/sms' })).statusCode).toBe(404);
  });
});

describe('the development SMS stand-in', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  it('keeps a guest’s SMS and shows it at GET /api/v1/dev/sms', async () => {
    const health = await unitIdOf(test.ctx.database.db, 'min-health');
    const phone = '+21620000004';
    const { theCase } = await fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: {
        type: 'guidance',
        title: 'مواقيت المركز الصحي',
        description: 'ما هي مواقيت عمل المركز الصحي في الحي الذي أسكن فيه؟',
        language: 'ar',
        publishConsent: false,
        anonymous: false,
        guest: { name: 'آمنة', phone },
        unitId: health,
      },
    });
    const app = await test.buildApp();
    const messages = await waitFor(
      async () =>
        (
          (await app.inject({ method: 'GET', url: '/api/v1/dev/sms' })).json() as {
            messages: Array<{ to: string; text: string }>;
          }
        ).messages.filter((message) => message.to === phone),
      (found) => found.length > 0,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(theCase.reference);
    expect(messages[0]?.text).toContain('رمز الدخول');
  });
});
