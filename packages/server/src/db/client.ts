import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { createConnectionGate } from './connection-gate.ts';
import { acquireEmbeddedLock } from './embedded-lock.ts';
import { createNamedStatements } from './pglite-named-statements.ts';
import { assertOutsideTransaction, runAsTransactionBody } from './transaction-scope.ts';

/** The Drizzle database every repository receives; a transaction has the same shape. */
export type Database = PgDatabase<PgQueryResultHKT>;

/** Raw SQL access for infrastructure (migrations, the job queue, readiness), never for modules. */
export interface RawSql {
  /** Parameterless SQL, possibly several statements; answers the rows of the last one. */
  exec<Row = Record<string, unknown>>(sql: string): Promise<{ rows: Row[] }>;
  /**
   * One statement with positional parameters ($1, $2...). With a `name`, PostgreSQL parses and
   * plans it once per connection (a named prepared statement: the text must never change under
   * one name); the embedded database has no such cache and ignores the name.
   */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ): Promise<{ rows: Row[] }>;
}

export interface DatabaseHandle extends RawSql {
  kind: 'pglite' | 'postgres';
  db: Database;
  /** The embedded database itself (PGlite only): tests dump its data folder. */
  pglite?: PGlite;
  /**
   * The embedded database's data folder as a gzip tarball, taken while no query or transaction
   * runs (it waits at the connection gate like a query), after a CHECKPOINT so the copy starts
   * without crash recovery: a consistent copy of a running database (docs/backup-and-restore.md).
   */
  dumpDataDir?: () => Promise<Blob>;
  /** Runs `work` on one connection inside one transaction (for advisory transaction locks). */
  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T>;
  /** Calls waiting for a connection now: load shedding reads it (docs/operations.md#load-shedding). */
  waitingForConnection(): number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /**
   * A data folder dump (from `dumpDataDir`) to start from: in memory without `dataDir` (tests),
   * else written into an empty `dataDir` (the `restore` command).
   */
  loadDataDir?: Blob | File | undefined;
  poolMax?: number;
  /**
   * How long a query may wait for a connection before failing with a 503-mapped error (the embedded
   * database's one connection, or a slot of PostgreSQL's pool). Default 5 s.
   */
  waitTimeoutMs?: number;
  /**
   * Told of each PostgreSQL connection lost outside a query (the server restarted or died): the
   * error is handled here, the callback only reports it (docs/operations.md).
   */
  onConnectionLost?: (error: Error) => void;
}

export const DEFAULT_DATABASE_WAIT_TIMEOUT_MS = 5_000;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_DATABASE_WAIT_TIMEOUT_MS;
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolMax ?? 10, waitTimeoutMs, options.onConnectionLost ?? (() => {}))
    : openPglite(options, waitTimeoutMs);
}

/** Root handles, and the root each transaction handle was opened from (see rootOf). */
const rootOfTransaction = new WeakMap<Database, Database>();
const roots = new WeakSet<Database>();

/**
 * The database a handle belongs to: itself for a root handle, the root for a transaction opened
 * with `db.transaction`. Per-process caches key their entries by it, so a load made through a
 * transaction serves later calls made outside it (db/reference-cache.ts).
 */
export function rootOf(db: Database): Database {
  return rootOfTransaction.get(db) ?? db;
}

/** Whether `db` is a root handle (not a transaction). */
export function isRootHandle(db: Database): boolean {
  return roots.has(db);
}

/**
 * Every transaction's body runs in a transaction scope (db/transaction-scope.ts), so the root
 * handle can refuse calls made from inside it; the transaction handle remembers its root.
 */
function scopeTransactions(db: Database): Database {
  const open = db.transaction.bind(db);
  db.transaction = ((body, config) =>
    open((tx) => {
      rootOfTransaction.set(tx as unknown as Database, db);
      return runAsTransactionBody(() => body(tx));
    }, config)) as Database['transaction'];
  roots.add(db);
  return db;
}

/**
 * PostgreSQL's default 128 MB of shared buffers live inside PGlite's WebAssembly memory and are
 * touched at start: 32 MB holds ~110 MB less resident with no slower scans measured, since the
 * operating system caches the data files under them (docs/operations.md, "Start-up and memory").
 * Passed on the command line, not through PGlite's `postgresqlconf` option, which would replace
 * the data folder's postgresql.conf.
 */
const EMBEDDED_SHARED_BUFFERS = '32MB';

async function openPglite(options: DatabaseOptions, waitTimeoutMs: number): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  let releaseLock = () => {};
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    releaseLock = acquireEmbeddedLock(options.dataDir);
    dataDir = `${options.dataDir.replace(/\/$/, '')}/pglite`;
    await mkdir(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
  // Every use of the one connection from outside a transaction passes the gate (a bounded wait)
  // and the scope check (never from inside a transaction's body): Drizzle's root handle and the
  // raw handle alike. Inside a transaction, PGlite's transaction object is used directly.
  const gate = createConnectionGate(waitTimeoutMs);
  const rootCall = <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    assertOutsideTransaction(operation);
    return gate.run(work);
  };
  const gatedClient: Pick<PGlite, 'query' | 'exec' | 'transaction'> = {
    query: (...args) => rootCall('a query', () => client.query(...args)),
    exec: (...args) => rootCall('a query', () => client.exec(...args)),
    transaction: (...args) => rootCall('a new transaction', () => client.transaction(...args)),
  };
  const db = scopeTransactions(drizzlePglite({ client: gatedClient as unknown as PGlite }) as unknown as Database);
  // A named statement is parsed once, as on PostgreSQL (db/pglite-named-statements.ts).
  const named = createNamedStatements(client);
  const raw: RawSql = {
    exec: async <Row>(sql: string) => lastRows<Row>(await gatedClient.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => {
      const { name } = options ?? {};
      if (name) return { rows: await rootCall('a query', () => named.query<Row>(name, sql, params ?? [])) };
      const result = await gatedClient.query<Row>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  };
  return {
    kind: 'pglite',
    db,
    pglite: client,
    ...raw,
    waitingForConnection: () => gate.waiting,
    transaction: (work) =>
      gatedClient.transaction((tx) =>
        runAsTransactionBody(() =>
          work({
            exec: async <Row>(sql: string) => lastRows<Row>(await tx.exec(sql)),
            query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => ({
              rows: options?.name
                ? await named.queryInTransaction<Row>(options.name, sql, params ?? [])
                : (await tx.query<Row>(sql, params as unknown[])).rows,
            }),
          }),
        ),
      ),
    // A backup waits for the connection like a query, and holds it while the folder is read.
    dumpDataDir: () =>
      gate.run(async () => {
        await client.exec('CHECKPOINT');
        return client.dumpDataDir('gzip');
      }),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

async function openPostgres(
  databaseUrl: string,
  poolMax: number,
  waitTimeoutMs: number,
  onConnectionLost: (error: Error) => void,
): Promise<DatabaseHandle> {
  // Idle connections are kept for minutes, not pg's 10 s: a burst after a quiet spell would
  // otherwise wait for new connections and prepare every named statement again on each.
  // A query waits at most `waitTimeoutMs` for a free connection (then 503, see connection-gate.ts).
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolMax,
    idleTimeoutMillis: 5 * 60_000,
    connectionTimeoutMillis: waitTimeoutMs,
  });
  // When PostgreSQL restarts or dies, every connection gets 57P01 or a reset. pg emits that as an
  // 'error' event on the connection, and an 'error' event nobody listens to ends the process: the
  // pool listens on idle connections only, so each connection also gets a listener of its own for
  // its whole life, checked out (a transaction between two statements) included. The pool drops
  // the broken connection when it is released; requests meanwhile answer 503 (database-unavailable.ts)
  // and later ones open new connections once the server is back (docs/operations.md).
  pool.on('connect', (client) => client.on('error', onConnectionLost));
  pool.on('error', () => {});
  // Drizzle's root handle reaches the pool through this view, which refuses calls made from inside
  // a transaction's body (they would read outside it, and can exhaust the pool).
  const guardedPool = new Proxy(pool, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'query' || property === 'connect') {
        return (...args: unknown[]) => {
          assertOutsideTransaction(property === 'query' ? 'a query' : 'a new transaction');
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
  const db = scopeTransactions(drizzleNodePostgres({ client: guardedPool }) as unknown as Database);
  return {
    kind: 'postgres',
    db,
    exec: async <Row>(sql: string) => lastRows<Row>(await guardedPool.query(sql)),
    query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => {
      const result = await guardedPool.query({
        text: sql,
        values: params ?? [],
        ...(options?.name ? { name: options.name } : {}),
      });
      return { rows: result.rows as Row[] };
    },
    transaction: async (work) => {
      const client = await guardedPool.connect();
      try {
        await client.query('BEGIN');
        const result = await runAsTransactionBody(() =>
          work({
            exec: async <Row>(sql: string) => lastRows<Row>(await client.query(sql)),
            query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => ({
              rows: (
                await client.query({
                  text: sql,
                  values: params ?? [],
                  ...(options?.name ? { name: options.name } : {}),
                })
              ).rows as Row[],
            }),
          }),
        );
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    waitingForConnection: () => pool.waitingCount,
    close: () => pool.end(),
  };
}

/** pg answers one result, or an array of them for several statements; PGlite's exec an array. */
function lastRows<Row>(result: unknown): { rows: Row[] } {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: ((last as { rows?: Row[] } | undefined)?.rows ?? []) as Row[] };
}

/** Runs a raw `sql` query through Drizzle and answers its rows (same shape on PGlite and pg). */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
