import { type PGlite, parse, protocol } from '@electric-sql/pglite';

/**
 * Named prepared statements on the embedded database. PGlite's `query()` sends every statement
 * unnamed, so PostgreSQL parses and plans it again on each call, in WebAssembly on the event
 * loop's thread: for the filing's one large statement that was a good part of a filing's cost
 * (docs/operations.md, "The embedded database's filing rate"). A statement given a name here is
 * parsed once per database (PGlite has one session for its whole life) and then only bound and
 * executed, as PostgreSQL's own driver does for a named statement (db/client.ts, RawSql).
 *
 * The messages are the ones PGlite's `query()` sends (parse, describe, bind, describe, execute,
 * sync), through its public protocol API, under the same locks `query()` takes.
 */
const { serialize } = protocol;

interface Prepared {
  text: string;
  parameterTypes: number[];
}

/** The engine's internal locks, the same ones `query()` and `transaction()` take. */
interface PgliteLocks {
  _runExclusiveQuery<T>(work: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(work: () => Promise<T>): Promise<T>;
}

export interface NamedStatements {
  /** Outside a transaction: waits for any transaction in progress, like `PGlite.query`. */
  query<Row>(name: string, text: string, params: readonly unknown[]): Promise<Row[]>;
  /** Inside a transaction's body, which already holds the database. */
  queryInTransaction<Row>(name: string, text: string, params: readonly unknown[]): Promise<Row[]>;
}

export function createNamedStatements(client: PGlite): NamedStatements {
  const locks = client as unknown as PgliteLocks;
  const prepared = new Map<string, Promise<Prepared>>();

  const send = async (message: Uint8Array) => (await client.execProtocol(message, { syncToFs: false })).messages;

  const prepare = async (name: string, text: string): Promise<Prepared> => {
    try {
      await send(serialize.parse({ name, text, types: [] }));
      const described = await send(serialize.describe({ type: 'S', name }));
      return { text, parameterTypes: parse.parseDescribeStatementResults(described) };
    } finally {
      await send(serialize.sync());
    }
  };

  const run = async <Row>(name: string, text: string, params: readonly unknown[]): Promise<Row[]> => {
    let statement = prepared.get(name);
    if (!statement) {
      statement = prepare(name, text);
      prepared.set(name, statement);
      // A statement that failed to prepare is not kept: the next call prepares it again.
      statement.catch(() => prepared.delete(name));
    }
    const { text: preparedText, parameterTypes } = await statement;
    // As PostgreSQL's driver: one name, one text, or the wrong statement would run.
    if (preparedText !== text) throw new Error(`the prepared statement ${name} was prepared with another text`);
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = client.serializers[parameterTypes[index] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const messages = [];
    try {
      messages.push(...(await send(serialize.bind({ statement: name, values }))));
      messages.push(...(await send(serialize.describe({ type: 'P' }))));
      messages.push(...(await send(serialize.execute({}))));
    } finally {
      messages.push(...(await send(serialize.sync())));
    }
    return (parse.parseResults(messages, client.parsers)[0]?.rows ?? []) as Row[];
  };

  return {
    query: <Row>(name: string, text: string, params: readonly unknown[]) =>
      locks._runExclusiveTransaction(async () => {
        const rows = await locks._runExclusiveQuery(() => run<Row>(name, text, params));
        await client.syncToFs();
        return rows;
      }),
    queryInTransaction: <Row>(name: string, text: string, params: readonly unknown[]) =>
      locks._runExclusiveQuery(() => run<Row>(name, text, params)),
  };
}
