import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which code runs inside an open transaction. The embedded database has one connection: a
 * transaction holds it until it ends, so a query sent through the root handle from inside the
 * transaction waits for a connection that its own caller holds, and the whole process stops
 * (docs/adr/0001-postgresql-dialect-pglite-embedded-drizzle.md, "One connection"). On PostgreSQL
 * the same code reads outside the transaction and can exhaust the pool. So the root handle refuses
 * to run while the calling code's transaction is open, on both databases, and the mistake fails the
 * test that reaches it instead of freezing a server later.
 */
interface OpenTransaction {
  isOpen: boolean;
}

const scope = new AsyncLocalStorage<OpenTransaction>();

/** Runs `work` as the body of a transaction: root-handle calls made from it are refused until it ends. */
export async function runAsTransactionBody<T>(work: () => Promise<T>): Promise<T> {
  const transaction: OpenTransaction = { isOpen: true };
  try {
    return await scope.run(transaction, work);
  } finally {
    // Work the body started and did not wait for (a timer, a promise left running) keeps this
    // context; once the transaction has ended it may use the root handle again.
    transaction.isOpen = false;
  }
}

export class RootHandleInTransactionError extends Error {
  constructor(operation: string) {
    super(
      `${operation} through the root database handle inside an open transaction: pass the transaction ` +
        '(on the embedded database this would wait forever for the connection the transaction holds)',
    );
    this.name = 'RootHandleInTransactionError';
  }
}

/** Throws when the calling code is the body of a transaction that is still open. */
export function assertOutsideTransaction(operation: string): void {
  if (scope.getStore()?.isOpen) throw new RootHandleInTransactionError(operation);
}

export function isInsideTransaction(): boolean {
  return scope.getStore()?.isOpen === true;
}
