import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import type { JobQueue } from './job-queue.ts';
import { createJobQueueOnce, installJobQueueSchema, JOB_QUEUE_SCHEMA } from './pg-boss-install.ts';

export interface JobQueueOptions {
  logger: FastifyBaseLogger;
  /** How often idle workers look for work; pg-boss's floor is 0.5 s. */
  pollingIntervalSeconds?: number;
  /**
   * How often pg-boss looks for expired jobs (its maintenance, default 120 s): as often as the
   * shortest expiry used, so a job given a short one comes back soon after.
   */
  expiryCheckSeconds?: number;
}

/**
 * pg-boss over the application's own connection(s). PGlite's `query` takes one statement only,
 * and pg-boss sends its schema as parameterless multi-statement scripts: those go through `exec`.
 *
 * The adapter keeps the statements in flight: pg-boss completes or fails a worker's jobs without
 * awaiting it, so `boss.stop()` can resolve while that statement still runs; closing the database
 * then would reject it with nobody listening. `drain()` waits for them before the database closes.
 */
function pgBossAdapter(handle: DatabaseHandle) {
  const inFlight = new Set<Promise<unknown>>();
  return {
    executeSql(text: string, values?: unknown[]) {
      const statement = values && values.length > 0 ? handle.query(text, values) : handle.exec(text);
      inFlight.add(statement);
      const forget = () => inFlight.delete(statement);
      statement.then(forget, forget);
      return statement;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

export async function startJobQueue(handle: DatabaseHandle, options: JobQueueOptions): Promise<JobQueue> {
  await installJobQueueSchema(handle);
  const adapter = pgBossAdapter(handle);
  const boss = new PgBoss({
    db: adapter,
    schema: JOB_QUEUE_SCHEMA,
    // Archive and monitoring run on a timer; cron schedules are not used yet.
    schedule: false,
    ...(options.expiryCheckSeconds ? { maintenanceIntervalSeconds: Math.min(120, options.expiryCheckSeconds) } : {}),
  });
  // pg-boss reports a failed maintenance round here and tries again on its next tick; its workers
  // ignore a failed poll and poll again, so they resume by themselves once the database is back
  // (docs/operations.md). The database being away is expected then: said by its code alone.
  boss.on('error', (error) => {
    if (isDatabaseUnavailable(error)) {
      options.logger.warn({ code: (error as { code?: unknown }).code }, 'job queue: the database is unavailable');
    } else {
      options.logger.error({ err: error }, 'job queue error');
    }
  });
  await boss.start();

  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    if (!(await boss.getQueue(name))) await createJobQueueOnce(handle, name);
    created.add(name);
  };

  return {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data, {
        retryLimit: sendOptions.retryLimit ?? 5,
        retryBackoff: true,
        retryDelay: 2,
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        ...(sendOptions.expireInSeconds ? { expireInSeconds: sendOptions.expireInSeconds } : {}),
      });
    },
    async work(name, handler, workOptions = {}) {
      await ensureQueue(name);
      const batchSize = workOptions.batchSize ?? 1;
      let workerId: string | undefined;
      workerId = await boss.work<Record<string, unknown>>(
        name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize },
        async (jobs) => {
          // A full batch means more may be waiting: look again at once instead of after the interval
          // (pg-boss otherwise takes one batch per interval, however long the queue).
          if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId);
          for (const job of jobs) {
            try {
              await handler(job.data);
            } catch (error) {
              if (jobs.length === 1) throw error;
              // pg-boss fails or completes a fetched batch as a whole: fail this job alone, so the
              // others still run and only it is retried (completing skips a job no longer active).
              await boss.fail(name, job.id, error as object);
            }
          }
        },
      );
    },
    async depth() {
      const sizes: Record<string, number> = {};
      for (const name of created) sizes[name] = await boss.getQueueSize(name);
      return sizes;
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await adapter.drain();
    },
  };
}
