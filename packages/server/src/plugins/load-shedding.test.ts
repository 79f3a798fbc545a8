import { Agent } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { send } from '../../test/server-process.ts';
import type { LoadBounds } from '../http/load-pressure.ts';
import { loadSheddingPlugin, OVERLOAD_RETRY_AFTER_SECONDS } from './load-shedding.ts';
import { problemDetailsPlugin } from './problem-details.ts';

/**
 * The shedding rule on a bare app listening on a real socket: the gate sits in front of Fastify's
 * handler on the HTTP server, which `inject` bypasses (docs/operations.md#load-shedding). The
 * crowd test is test/resilience/overload.test.ts.
 */
describe('load shedding', () => {
  let app: FastifyInstance;
  let port: number;
  let waiting = 0;
  let hooksRun = 0;
  let bodiesRead = 0;
  const releases: Array<() => void> = [];
  const agent = new Agent({ keepAlive: true });

  async function buildApp(bounds: Partial<LoadBounds>) {
    app = Fastify();
    await app.register(problemDetailsPlugin);
    await app.register(loadSheddingPlugin, {
      bounds: { maxInFlight: 0, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0, maxDatabaseWaiting: 0, ...bounds },
      databaseWaiting: () => waiting,
    });
    app.addHook('onRequest', async () => {
      hooksRun++;
    });
    app.addHook('preValidation', async (request) => {
      if (request.body !== undefined) bodiesRead++;
    });
    app.get('/api/slow', async () => {
      await new Promise<void>((resolve) => releases.push(resolve));
      return { done: true };
    });
    app.get('/api/quick', async () => ({ done: true }));
    app.post('/api/v1/cases', async () => ({ filed: true }));
    app.get('/api/health', async () => ({ status: 'ok' }));
    app.get('/api/ready', async () => ({ status: 'ready' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  }

  const get = (path: string) => send(agent, port, { method: 'GET', path });

  afterEach(async () => {
    for (const release of releases.splice(0)) release();
    waiting = 0;
    hooksRun = 0;
    bodiesRead = 0;
    await app.close();
  });

  it('beyond the cap of requests in flight, a request is refused with 503 common.overloaded and Retry-After before any hook runs', async () => {
    await buildApp({ maxInFlight: 2 });
    const first = get('/api/slow');
    const second = get('/api/slow');
    while (releases.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const hooksBefore = hooksRun;
    const refused = await get('/api/quick');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe(String(OVERLOAD_RETRY_AFTER_SECONDS));
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 503,
      code: 'common.overloaded',
      instance: '/api/quick',
      retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS,
    });
    expect(JSON.parse(refused.body).requestId).toBe(refused.headers['x-request-id']);
    // Refused before Fastify saw it: no hook ran, and a filing's body is never read.
    const refusedFiling = await send(agent, port, { method: 'POST', path: '/api/v1/cases', body: '{"a":1}' });
    expect(refusedFiling.status).toBe(503);
    expect(hooksRun).toBe(hooksBefore);
    expect(bodiesRead).toBe(0);
    // Liveness and readiness are never refused, however busy the node.
    expect((await get('/api/health')).status).toBe(200);
    expect((await get('/api/ready?probe=1')).status).toBe(200);
    for (const release of releases.splice(0)) release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    // Their places are free again, on the same keep-alive connection that was refused.
    expect((await send(agent, port, { method: 'POST', path: '/api/v1/cases', body: '{"a":1}' })).status).toBe(200);
    expect(bodiesRead).toBe(1);
  });

  it('an answered request frees its place: one after another, a cap of one serves them all', async () => {
    await buildApp({ maxInFlight: 1 });
    for (let i = 0; i < 20; i++) {
      expect((await get('/api/quick')).status).toBe(200);
    }
  });

  it('a client that leaves before its answer frees its place', async () => {
    await buildApp({ maxInFlight: 1 });
    const leaving = new Agent({ keepAlive: false });
    const abandoned = send(leaving, port, { method: 'GET', path: '/api/slow' }).catch(() => 'reset');
    while (releases.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await get('/api/quick')).status).toBe(503);
    leaving.destroy();
    expect(await abandoned).toBe('reset');
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await get('/api/quick')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe(200);
  });

  it('too many database calls waiting for a connection refuse new requests until the queue shrinks', async () => {
    await buildApp({ maxDatabaseWaiting: 10 });
    waiting = 11;
    expect(JSON.parse((await get('/api/quick')).body)).toMatchObject({ code: 'common.overloaded' });
    waiting = 10;
    expect((await get('/api/quick')).status).toBe(200);
  });

  it('inject (the tests’ way in) is never shed', async () => {
    await buildApp({ maxDatabaseWaiting: 10 });
    waiting = 11;
    expect((await app.inject({ method: 'GET', url: '/api/quick' })).statusCode).toBe(200);
  });
});
