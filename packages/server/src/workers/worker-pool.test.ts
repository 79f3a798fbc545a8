import { afterEach, describe, expect, it } from 'vitest';
import type { TestTask } from './worker-pool.test-worker.ts';
import {
  createWorkerPool,
  type WorkerPool,
  WorkerPoolFullError,
  WorkerTaskError,
  WorkerTaskTimeoutError,
} from './worker-pool.ts';

const WORKER_URL = new URL('./worker-pool.test-worker.ts', import.meta.url);
let pool: WorkerPool<TestTask, number> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const createPool = (options: { maxQueued?: number; timeBudgetMs?: number }) =>
  createWorkerPool<TestTask, number>({
    taskName: 'test task',
    workerUrl: WORKER_URL,
    size: 1,
    runInThisThread: async () => Number.NaN,
    ...options,
  });

/** The bounds the public verifier relies on (docs/pdf-verification.md). */
describe('worker pool', () => {
  it('ends a thread whose task runs past the time budget, fails that task, and runs the next on a new thread', async () => {
    pool = createPool({ timeBudgetMs: 300 });
    await expect(pool.run({ hang: true })).rejects.toBeInstanceOf(WorkerTaskTimeoutError);
    expect(await pool.run({ double: 21 })).toBe(42);
  });

  it('refuses a task at once when every thread is busy and the queue is full, and takes tasks again once it drains', async () => {
    pool = createPool({ maxQueued: 1, timeBudgetMs: 300 });
    const hung = pool.run({ hang: true });
    const queued = pool.run({ double: 1 });
    await expect(pool.run({ double: 2 })).rejects.toBeInstanceOf(WorkerPoolFullError);
    await expect(hung).rejects.toBeInstanceOf(WorkerTaskTimeoutError);
    expect(await queued).toBe(2);
    expect(await pool.run({ double: 3 })).toBe(6);
  });

  it('fails a task that throws on its thread with the error’s code and detail', async () => {
    pool = createPool({});
    const failure = await pool.run({ fail: 'no' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkerTaskError);
    expect(failure).toMatchObject({ code: 'test.refused', detail: 'refused on purpose' });
    expect(await pool.run({ double: 5 })).toBe(10);
  });
});
