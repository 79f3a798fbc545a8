import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle, RawSql } from './client.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary but fixed: every ePeople node takes this advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_301_642_001;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

/** Read once per process: the files ship with the build and never change while it runs. */
let migrationsOnDisk: Promise<Migration[]> | undefined;

export function listMigrations(): Promise<Migration[]> {
  migrationsOnDisk ??= readMigrations();
  return migrationsOnDisk;
}

async function readMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d{4}-[a-z0-9-]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(MIGRATIONS_DIR + file, 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Runs `work` in one transaction holding the migrations' advisory lock: every change to the
 * database's structure made at start (our migrations, the job queue's own schema) goes through
 * it, so of nodes starting together one makes the change and the others wait, then find it done.
 */
export function withMigrationLock<T>(handle: DatabaseHandle, work: (sql: RawSql) => Promise<T>): Promise<T> {
  return handle.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    return work(sql);
  });
}

/**
 * Applies pending migrations in order, all in one transaction under the migrations' lock, so
 * two nodes starting together apply each migration once. An applied migration whose file changed
 * afterwards stops the start: history is never rewritten.
 */
export async function migrate(handle: DatabaseHandle): Promise<{ applied: string[] }> {
  const migrations = await listMigrations();
  return withMigrationLock(handle, async (sql) => {
    await sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await sql.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      await sql.exec(migration.sql);
      await sql.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.name);
    }
    return { applied: done };
  });
}

/** Ready means reachable and every migration known to this build applied. */
export async function pendingMigrationCount(handle: DatabaseHandle): Promise<number> {
  const migrations = await listMigrations();
  const { rows } = await handle.query<{ version: string }>(`SELECT version FROM schema_migrations`);
  const applied = new Set(rows.map((row) => row.version));
  return migrations.filter((migration) => !applied.has(migration.version)).length;
}
