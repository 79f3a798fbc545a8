import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';
import { withMigrationLock } from '../db/migrate.ts';

export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * Installs pg-boss's schema on a new database under the migrations' advisory lock. pg-boss's own
 * start races on a new database: two nodes both run `CREATE SCHEMA IF NOT EXISTS pgboss`, and
 * the loser fails on pg_namespace's unique index ("Key (nspname)=(pgboss) already exists"), an
 * error pg-boss does not recognise as its race, so that node stopped at every first start. Here
 * one node installs and the others wait for the lock, then find the schema and leave it to
 * `boss.start()`, which also brings an older pg-boss schema up to date (its upgrades tolerate
 * their own race).
 */
export async function installJobQueueSchema(handle: DatabaseHandle): Promise<void> {
  await withMigrationLock(handle, async (sql) => {
    const { rows } = await sql.query<{ name: string | null }>('SELECT to_regclass($1) AS name', [
      `${JOB_QUEUE_SCHEMA}.version`,
    ]);
    if (rows[0]?.name) return;
    await sql.exec(constructionPlanBody());
  });
}

/**
 * Creates a queue (its row and its partition of the job table) under the same lock: two nodes
 * creating one queue together deadlocked in pg-boss's `create_queue` (each attaching its
 * partition while the other held the queue row). The statement is the one pg-boss's
 * `createQueue` sends; a queue that exists is left as it is.
 */
export async function createJobQueueOnce(handle: DatabaseHandle, name: string): Promise<void> {
  await withMigrationLock(handle, async (sql) => {
    const { rows } = await sql.query(`SELECT 1 FROM ${JOB_QUEUE_SCHEMA}.queue WHERE name = $1`, [name]);
    if (rows.length > 0) return;
    await sql.query(`SELECT ${JOB_QUEUE_SCHEMA}.create_queue($1, $2)`, [name, JSON.stringify({ policy: 'standard' })]);
  });
}

/**
 * pg-boss's construction script without its own BEGIN/COMMIT, so it runs inside our transaction
 * (its COMMIT would end ours, and with it the lock, mid-way). Checked, so a pg-boss upgrade that
 * changes the script's shape stops the start here rather than installing half a schema.
 */
function constructionPlanBody(): string {
  const plan = PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA);
  const body = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/.exec(plan)?.[1];
  if (body === undefined) throw new Error('pg-boss construction script has an unexpected shape');
  return body;
}
