import { isDatabaseUnavailable } from './database-unavailable.ts';

interface WarnLogger {
  warn(object: object, message: string): void;
}

/**
 * Some statements run with nobody awaiting them: pg-boss completes or fails a job it has just
 * run without awaiting the result (pg-boss 10, manager.js `onFetch`). When PostgreSQL goes away at
 * that moment the rejection is unhandled, and Node ends the process for it. A rejection that says
 * "the database is unavailable" is only logged: the job stays active and pg-boss runs it again
 * once it expires (docs/operations.md, "When the database goes away"). Any other unhandled
 * rejection is a bug and still ends the process, as Node's default does (a throw from this
 * listener is an uncaught exception).
 */
export function databaseLossRejectionHandler(logger: WarnLogger): (reason: unknown) => void {
  return (reason) => {
    if (!isDatabaseUnavailable(reason)) throw reason;
    // The code says why; the message may quote the server's words.
    logger.warn(
      { code: (reason as { code?: unknown } | undefined)?.code },
      'a database statement nobody awaited failed: the database is unavailable',
    );
  };
}

export function tolerateDatabaseLossRejections(logger: WarnLogger): void {
  process.on('unhandledRejection', databaseLossRejectionHandler(logger));
}
