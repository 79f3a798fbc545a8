/**
 * Hands committed outbox rows to the delivery job, the rows of many changes in one job. A job
 * costs a planned INSERT into pg-boss's partitioned table and a commit of its own: one per
 * filing cost the database more than the filing's own rows. Like PostgreSQL's group commit, at
 * most one send is in flight; rows that arrive meanwhile leave together in the next send, so a
 * quiet server sends at once and a busy one sends bigger batches, never waiting on a timer.
 * With `lingerMs`, a batch waits that long from its first row before it is sent, so that rows of
 * changes arriving a few milliseconds apart (a steady stream of filings) share a job too.
 * A caller's promise settles when the job carrying its rows is queued (or its send failed).
 */
export interface NotificationDispatcher {
  dispatch(ids: readonly string[]): Promise<void>;
  /** Settles once every row given so far has been sent (or failed): awaited before shutdown. */
  idle(): Promise<void>;
}

interface Batch {
  ids: string[];
  queued: PromiseWithResolvers<void>;
  openedAt: number;
}

/** `send` queues one job for the given rows; batches hold at most `maxBatch` rows. */
export function createNotificationDispatcher(
  send: (ids: string[]) => Promise<void>,
  { maxBatch = 500, lingerMs = 0 }: { maxBatch?: number; lingerMs?: number } = {},
): NotificationDispatcher {
  const waiting: Batch[] = [];
  let sending = false;
  let draining: Promise<void> = Promise.resolve();

  async function drain(): Promise<void> {
    sending = true;
    for (let batch = waiting[0]; batch; batch = waiting[0]) {
      // Each batch stays open (at the head, taking new rows) for lingerMs from its first row.
      const lingering = batch.openedAt + lingerMs - performance.now();
      if (lingering > 0) await new Promise((resolve) => setTimeout(resolve, lingering));
      waiting.shift();
      try {
        await send(batch.ids);
        batch.queued.resolve();
      } catch (error) {
        batch.queued.reject(error);
      }
    }
    sending = false;
  }

  async function dispatch(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    if (ids.length > maxBatch) {
      const chunks = [];
      for (let start = 0; start < ids.length; start += maxBatch) chunks.push(ids.slice(start, start + maxBatch));
      await Promise.all(chunks.map((chunk) => dispatch(chunk)));
      return;
    }
    let batch = waiting.at(-1);
    if (!batch || batch.ids.length + ids.length > maxBatch) {
      batch = { ids: [], queued: Promise.withResolvers<void>(), openedAt: performance.now() };
      waiting.push(batch);
    }
    batch.ids.push(...ids);
    if (!sending) draining = drain();
    await batch.queued.promise;
  }

  return { dispatch, idle: () => draining };
}
