import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadBounds } from '../http/load-pressure.ts';
import { loadSheddingPlugin, OVERLOAD_RETRY_AFTER_SECONDS } from './load-shedding.ts';
import { problemDetailsPlugin } from './problem-details.ts';

/** The shedding rule on a bare app (docs/operations.md#load-shedding); the crowd test is test/resilience. */
describe('load shedding', () => {
  let app: FastifyInstance;
  let waiting = 0;
  const releases: Array<() => void> = [];

  async function buildApp(bounds: Partial<LoadBounds>) {
    app = Fastify();
    await app.register(problemDetailsPlugin);
    await app.register(loadSheddingPlugin, {
      bounds: { maxInFlight: 0, maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0, maxDatabaseWaiting: 0, ...bounds },
      databaseWaiting: () => waiting,
    });
    app.get('/api/slow', async () => {
      await new Promise<void>((resolve) => releases.push(resolve));
      return { done: true };
    });
    app.get('/api/quick', async () => ({ done: true }));
    app.get('/api/health', async () => ({ status: 'ok' }));
    await app.ready();
  }

  afterEach(async () => {
    for (const release of releases.splice(0)) release();
    waiting = 0;
    await app.close();
  });

  it('beyond the cap of requests in flight, a request is refused at once with 503 common.overloaded and Retry-After', async () => {
    await buildApp({ maxInFlight: 2 });
    const first = app.inject({ method: 'GET', url: '/api/slow' });
    const second = app.inject({ method: 'GET', url: '/api/slow' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await app.inject({ method: 'GET', url: '/api/quick' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe(String(OVERLOAD_RETRY_AFTER_SECONDS));
    expect(refused.json()).toMatchObject({ status: 503, code: 'common.overloaded' });
    // Liveness is never refused, however busy the node.
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    for (const release of releases.splice(0)) release();
    expect((await first).statusCode).toBe(200);
    expect((await second).statusCode).toBe(200);
  });

  it('an answered request frees its place: one after another, a cap of one serves them all', async () => {
    await buildApp({ maxInFlight: 1 });
    for (let i = 0; i < 20; i++) {
      expect((await app.inject({ method: 'GET', url: '/api/quick' })).statusCode).toBe(200);
    }
  });

  it('too many database calls waiting for a connection refuse new requests until the queue shrinks', async () => {
    await buildApp({ maxDatabaseWaiting: 10 });
    waiting = 11;
    expect((await app.inject({ method: 'GET', url: '/api/quick' })).json()).toMatchObject({
      code: 'common.overloaded',
    });
    waiting = 10;
    expect((await app.inject({ method: 'GET', url: '/api/quick' })).statusCode).toBe(200);
  });
});
