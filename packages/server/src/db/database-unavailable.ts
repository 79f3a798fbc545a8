import { DatabaseBusyError } from './connection-gate.ts';

/** Seconds a client is asked to wait when the database cannot serve it now (Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATEs of a server that is shutting down or restarting (class 57P) or of a lost connection (class 08). */
const UNAVAILABLE_SQLSTATE = /^(57P0[1-3]|08...)$/;
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** pg's errors, without a code, for a statement on a connection the server has dropped. */
const LOST_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * Whether an error means "the database cannot serve this request now" rather than "this request
 * is wrong": the embedded database stayed busy past the wait bound, no pool connection came in
 * time, or the server is unreachable or restarting. Such requests answer 503 with Retry-After,
 * not 500 (plugins/problem-details.ts). Drizzle wraps driver errors, so the causes are followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseBusyError) return true;
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code)))
      return true;
    // pg's pool says so only in words when no connection came within connectionTimeoutMillis.
    if (typeof message === 'string' && message.startsWith('timeout exceeded when trying to connect')) return true;
    if (typeof message === 'string' && message === 'Connection terminated due to connection timeout') return true;
    // pg's words, with no code, for a connection that broke under a query (the server died).
    if (typeof message === 'string' && LOST_CONNECTION_MESSAGES.has(message)) return true;
    current = cause;
  }
  return false;
}
