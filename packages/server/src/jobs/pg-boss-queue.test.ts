import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-context.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { JobQueue } from './job-queue.ts';
import { startJobQueue } from './pg-boss-queue.ts';

const logger = pino({ level: 'silent' });
const waitUntil = async (condition: () => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the job queue on the application database', () => {
  let database: DatabaseHandle;
  let nodeA: JobQueue;
  let nodeB: JobQueue;
  beforeAll(async () => {
    database = await openTestDatabase();
    // Two queues on one database stand for two app nodes.
    nodeA = await startJobQueue(database, { logger, pollingIntervalSeconds: 0.5 });
    nodeB = await startJobQueue(database, { logger, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await nodeA.stop();
    await nodeB.stop();
    await database.close();
  });

  it('runs each job once even with two nodes working the same queue', async () => {
    const seen: number[] = [];
    const handler = async (data: Record<string, unknown>) => {
      seen.push(Number(data.n));
    };
    await nodeA.work('test.once', handler);
    await nodeB.work('test.once', handler);
    for (let n = 0; n < 20; n++) await nodeA.send('test.once', { n });
    await waitUntil(() => seen.length >= 20);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('retries a job whose handler fails, until it succeeds', async () => {
    let attempts = 0;
    await nodeA.work('test.retry', async () => {
      attempts += 1;
      if (attempts < 2) throw new Error('transient failure');
    });
    await nodeA.send('test.retry', {}, { retryLimit: 3 });
    await waitUntil(() => attempts >= 2, 20_000);
    expect(attempts).toBe(2);
  });

  it('takes several jobs per look, and retries only the one of them that failed', async () => {
    const runs = new Map<number, number>();
    // Queued before the worker starts, so its first look finds them all.
    for (let n = 0; n < 6; n++) await nodeA.send('test.batch', { n }, { retryLimit: 2 });
    await nodeA.work(
      'test.batch',
      async (data) => {
        const n = Number(data.n);
        runs.set(n, (runs.get(n) ?? 0) + 1);
        if (n === 2 && runs.get(n) === 1) throw new Error('transient failure of one job');
      },
      { batchSize: 6 },
    );
    await waitUntil(() => (runs.get(2) ?? 0) >= 2, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(Object.fromEntries(runs)).toEqual({ 0: 1, 1: 1, 2: 2, 3: 1, 4: 1, 5: 1 });
  });

  it('keeps delayed jobs waiting and reports queue depth', async () => {
    expect(await nodeA.send('test.delayed', { n: 1 }, { startAfterSeconds: 60 })).toEqual(expect.any(String));
    expect(await nodeA.send('test.delayed', { n: 2 }, { startAfterSeconds: 60 })).toEqual(expect.any(String));
    expect((await nodeA.depth())['test.delayed']).toBe(2);
  });

  it('when stopped just after a job failed, waits for the failure to be recorded (the database may close next)', async () => {
    // pg-boss records a failure without awaiting it; a slow database makes that statement outlive
    // the worker, as it did once on a loaded CI machine (the pool was closed under it).
    let slow = false;
    const slowDatabase: DatabaseHandle = {
      ...database,
      query: async <Row>(sql: string, params?: unknown[]) => {
        if (slow) await new Promise((resolve) => setTimeout(resolve, 1_000));
        return database.query<Row>(sql, params);
      },
    };
    const nodeC = await startJobQueue(slowDatabase, { logger, pollingIntervalSeconds: 0.5 });
    let failed = false;
    await nodeC.work('test.stop-after-failure', async () => {
      slow = true;
      failed = true;
      throw new Error('failure just before shutdown');
    });
    const id = await nodeC.send('test.stop-after-failure', {}, { retryLimit: 1 });
    await waitUntil(() => failed);
    await nodeC.stop();
    slow = false;
    const { rows } = await database.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [id]);
    expect(rows[0]?.state).toBe('retry');
  });
});
