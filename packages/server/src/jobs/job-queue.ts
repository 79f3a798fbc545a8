/** The background job queue every module uses; backed by pg-boss on the application database. */
export interface JobQueue {
  /**
   * Queues a job, to run now or after a delay; answers its id. `expireInSeconds`: a job still
   * active after this is failed and retried, on whichever node looks next (a node that died holding
   * it gives it back); pg-boss's default is 15 minutes.
   */
  send(
    name: string,
    data: object,
    options?: { startAfterSeconds?: number; retryLimit?: number; expireInSeconds?: number },
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
