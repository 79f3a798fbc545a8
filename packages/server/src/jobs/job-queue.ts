/** The background job queue every module uses; backed by pg-boss on the application database. */
export interface JobQueue {
  /** Queues a job; with `singletonKey`, a second job with the same key is not queued while one waits. */
  send(
    name: string,
    data: object,
    options?: { startAfterSeconds?: number; singletonKey?: string; retryLimit?: number },
  ): Promise<string | null>;
  /** Runs `handler` for each job of `name`; a thrown error retries the job with back-off. */
  work(name: string, handler: (data: Record<string, unknown>) => Promise<void>): Promise<void>;
  /** Jobs waiting or running, by queue name, for /metrics. */
  depth(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}
