/**
 * The embedded database has one connection, and PGlite queues every call behind the one running
 * with no limit: a long transaction made every request wait, and the service looked frozen. The
 * gate is that queue made explicit and bounded: calls take the connection in arrival order, and a
 * call that has waited `waitTimeoutMs` leaves the queue without ever reaching the database, so
 * nothing it would have written is half done, and its request answers 503 with Retry-After
 * (docs/adr/0001-postgresql-dialect-pglite-embedded-drizzle.md). PostgreSQL's pool bounds the wait
 * for a connection the same way (`connectionTimeoutMillis`).
 */
export class DatabaseBusyError extends Error {
  readonly waitedMs: number;
  constructor(waitedMs: number) {
    super(`the database stayed busy for ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
    this.waitedMs = waitedMs;
  }
}

export interface ConnectionGate {
  /** Runs `work` once the connection is free, or throws DatabaseBusyError after the wait bound. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Calls waiting for the connection (for tests and metrics). */
  readonly waiting: number;
}

export function createConnectionGate(waitTimeoutMs: number): ConnectionGate {
  let isHeld = false;
  const queue: Array<{ grant: () => void }> = [];

  function release(): void {
    const next = queue.shift();
    if (next) next.grant();
    else isHeld = false;
  }

  function acquire(): Promise<void> {
    if (!isHeld) {
      isHeld = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(new DatabaseBusyError(waitTimeoutMs));
      }, waitTimeoutMs);
      queue.push(waiter);
    });
  }

  return {
    async run(work) {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get waiting() {
      return queue.length;
    },
  };
}
