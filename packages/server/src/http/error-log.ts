import pino from 'pino';
import { describeDatabaseError } from '../db/database-error.ts';

/**
 * How an error appears in the log (pino's `err` serializer, for every `{ err }` of the app, the
 * jobs and start-up). An error from the database is described by its SQLSTATE and where it was
 * raised, never by its message: that repeats the statement's bound parameters, which hold what
 * people typed (db/database-error.ts, docs/text-input.md). Other errors keep pino's form.
 */
export function serializeError(error: unknown): unknown {
  if (error instanceof Error) {
    const database = describeDatabaseError(error);
    if (database) return database;
  }
  return pino.stdSerializers.err(error as Error);
}
