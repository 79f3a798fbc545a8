import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireEmbeddedLock } from './embedded-lock.ts';

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
  /** Runs `work` on one connection inside one transaction (for advisory transaction locks). */
  transaction<T>(work: (sql: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** A data folder dump (from `dumpDataDir`) to start an in-memory PGlite from: tests use it. */
  loadDataDir?: Blob | File | undefined;
  poolMax?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolMax ?? 10) : openPglite(options);
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  let releaseLock = () => {};
  if (!options.loadDataDir && options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    releaseLock = acquireEmbeddedLock(options.dataDir);
    dataDir = `${options.dataDir.replace(/\/$/, '')}/pglite`;
    await mkdir(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzlePglite({ client }) as unknown as Database;
  const raw: RawSql = {
    exec: async <Row>(sql: string) => lastRows<Row>(await client.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => {
      const result = await client.query<Row>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  };
  return {
    kind: 'pglite',
    db,
    pglite: client,
    ...raw,
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          exec: async <Row>(sql: string) => lastRows<Row>(await tx.exec(sql)),
          query: async <Row>(sql: string, params?: unknown[]) => ({
            rows: (await tx.query<Row>(sql, params as unknown[])).rows,
          }),
        }),
      ),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

async function openPostgres(databaseUrl: string, poolMax: number): Promise<DatabaseHandle> {
  // Idle connections are kept for minutes, not pg's 10 s: a burst after a quiet spell would
  // otherwise wait for new connections and prepare every named statement again on each.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax, idleTimeoutMillis: 5 * 60_000 });
  // An idle client that errors (e.g. the server restarts) must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePostgres({ client: pool }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    exec: async <Row>(sql: string) => lastRows<Row>(await pool.query(sql)),
    query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => {
      const result = await pool.query({
        text: sql,
        values: params ?? [],
        ...(options?.name ? { name: options.name } : {}),
      });
      return { rows: result.rows as Row[] };
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          exec: async <Row>(sql: string) => lastRows<Row>(await client.query(sql)),
          query: async <Row>(sql: string, params?: unknown[], options?: { name?: string }) => ({
            rows: (
              await client.query({ text: sql, values: params ?? [], ...(options?.name ? { name: options.name } : {}) })
            ).rows as Row[],
          }),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
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
