/** The background job queue every module uses; backed by pg-boss on the application database. */
export interface JobQueue {
  /** Queues a job, to run now or after a delay; answers its id. */
  send(
    name: string,
    data: object,
    options?: { startAfterSeconds?: number; retryLimit?: number },
  ): Promise<string | null>;
  /**
   * Runs `handler` for each job of `name`; a thrown error retries the job with back-off. A worker
   * takes up to `batchSize` jobs (default 1) per look, one after the other.
   */
  work(
    name: string,
    handler: (data: Record<string, unknown>) => Promise<void>,
    options?: { batchSize?: number },
  ): Promise<void>;
  /** Jobs waiting or running, by queue name, for /metrics. */
  depth(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}
