import { describe, expect, it } from 'vitest';
import { DatabaseBusyError } from './connection-gate.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';

/** An error as Drizzle raises it: the driver's error as its cause. */
const wrapped = (driver: Error) => new Error('Failed query: SELECT 1', { cause: driver });

describe('a database that cannot serve now (503, not 500)', () => {
  it('PostgreSQL restarting or gone: 57P01-57P03, class 08, refused or reset sockets', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']) {
      expect(isDatabaseUnavailable(wrapped(Object.assign(new Error(code), { code }))), code).toBe(true);
    }
  });

  it("pg's code-less words for a connection the server dropped under a statement", () => {
    expect(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(
      isDatabaseUnavailable(wrapped(new Error('Client has encountered a connection error and is not queryable'))),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('a busy embedded database, but not a query that is wrong', () => {
    expect(isDatabaseUnavailable(new DatabaseBusyError(100))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' })))).toBe(false);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error('raise'), { code: 'P0001' })))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated'))).toBe(false);
  });
});
