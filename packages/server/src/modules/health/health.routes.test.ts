import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';

describe('health and readiness', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  it('answers alive and ready on a migrated database', async () => {
    const app = await test.buildApp();
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('is not ready when the database is unreachable', async () => {
    const app = await test.buildApp();
    const isolated = await createTestContext({ runStartupHooks: false });
    const isolatedApp = await isolated.buildApp();
    await isolated.ctx.database.close();
    const ready = await isolatedApp.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', database: 'unreachable' });
    await isolatedApp.close();
    await isolated.ctx.jobs.stop().catch(() => {});
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});
