/**
 * Database errors as the rest of the server may see them: by SQLSTATE, never by the statement's
 * parameters. Drizzle wraps a driver error in one whose message lists every bound parameter, and
 * PGlite copies the query and its parameters onto its own error: a log line of either would hold
 * what a citizen typed, their e-mail address, a code... (docs/text-input.md, docs/SECURITY.md).
 */

/**
 * A SQLSTATE (PostgreSQL, Appendix A): a class of two characters (digits, or F0, HV, P0, XX)
 * and three more. Node's own codes (EPIPE, EPERM...) start with E, so they are not taken for one.
 */
const SQLSTATE = /^(?:[0-9][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/**
 * Data exceptions caused by a value the request supplied: too long (22001), out of range
 * (22003), a malformed date or number (22007, 22008, 22P02). Others of class 22, such as a
 * division by zero, are the server's own mistakes and stay 500s.
 */
const REFUSED_VALUE_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22P02']);

interface DriverErrorFields {
  code?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  routine?: unknown;
  cause?: unknown;
}

/** The SQLSTATE of the first error in the chain that has one (Drizzle keeps the driver's as `cause`). */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, cause } = current as DriverErrorFields;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
    current = cause;
  }
  return undefined;
}

/**
 * Text the database cannot hold: NUL in a text value (22021 character_not_in_repertoire) or
 * \u0000 in JSON turned to text (22P05 untranslatable_character). The request schemas refuse
 * them first; this is the defence in depth when something reaches the database without one.
 */
export function isForbiddenTextError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === '22021' || state === '22P05';
}

/** A value of the request the database refused for another reason: too long, out of range, malformed. */
export function isRefusedValueError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && REFUSED_VALUE_SQLSTATES.has(state);
}

/**
 * What a log line may say of an error that came from the database: its class, SQLSTATE, the
 * table, column, constraint and routine that raised it, and the stack frames; not its message,
 * which repeats the statement and its parameters, nor `detail`, which can quote a row's values.
 */
export function describeDatabaseError(error: Error): Record<string, unknown> | undefined {
  const sqlState = sqlStateOf(error);
  if (sqlState === undefined) return undefined;
  let driver: DriverErrorFields = error;
  while (driver.code !== sqlState && driver.cause && typeof driver.cause === 'object') {
    driver = driver.cause as DriverErrorFields;
  }
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return {
    type: error.name,
    message: `database error ${sqlState}`,
    sqlState,
    ...(typeof driver.table === 'string' ? { table: driver.table } : {}),
    ...(typeof driver.column === 'string' ? { column: driver.column } : {}),
    ...(typeof driver.constraint === 'string' ? { constraint: driver.constraint } : {}),
    ...(typeof driver.routine === 'string' ? { routine: driver.routine } : {}),
    stack: frames.join('\n'),
  };
}
