import { describe, expect, it } from 'vitest';
import { describeDatabaseError, isForbiddenTextError, isRefusedValueError, sqlStateOf } from './database-error.ts';

/** A driver error as PGlite raises it (query and parameters copied onto it), wrapped as Drizzle does. */
function wrappedDriverError(code: string, parameter: string): Error {
  const driver = Object.assign(new Error(`invalid byte sequence for encoding "UTF8": 0x00`), {
    code,
    detail: `Key (title)=(${parameter}) already exists.`,
    table: 'faq_entries',
    query: 'INSERT INTO faq_entries (question_ar) VALUES ($1)',
    params: [parameter],
  });
  return new Error(`Failed query: INSERT INTO faq_entries (question_ar) VALUES ($1)\nparams: ${parameter}`, {
    cause: driver,
  });
}

describe('database errors', () => {
  it('are known by the SQLSTATE of the driver error they wrap; Node codes such as EPIPE are not SQLSTATEs', () => {
    expect(sqlStateOf(wrappedDriverError('22021', 'x'))).toBe('22021');
    expect(sqlStateOf(Object.assign(new Error('socket'), { code: 'EPIPE' }))).toBeUndefined();
    expect(sqlStateOf(Object.assign(new Error('io'), { code: 'EPERM' }))).toBeUndefined();
    expect(sqlStateOf(Object.assign(new Error('plpgsql'), { code: 'P0001' }))).toBe('P0001');
  });

  it('NUL is a forbidden text, a too long value a refused value, a division by zero neither', () => {
    expect(isForbiddenTextError(wrappedDriverError('22021', 'x'))).toBe(true);
    expect(isForbiddenTextError(wrappedDriverError('22P05', 'x'))).toBe(true);
    expect(isRefusedValueError(wrappedDriverError('22001', 'x'))).toBe(true);
    expect(isRefusedValueError(wrappedDriverError('22012', 'x'))).toBe(false);
    expect(isForbiddenTextError(wrappedDriverError('22012', 'x'))).toBe(false);
  });

  it('are described for the log without their message, parameters or detail', () => {
    const description = describeDatabaseError(wrappedDriverError('23505', 'amina@example.tn'));
    expect(description).toMatchObject({ sqlState: '23505', table: 'faq_entries' });
    expect(JSON.stringify(description)).not.toContain('amina@example.tn');
    expect(describeDatabaseError(new Error('not from the database'))).toBeUndefined();
  });
});
