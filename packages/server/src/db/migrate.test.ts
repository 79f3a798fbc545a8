import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../test/global-setup.ts';
import { startJobQueue } from '../jobs/pg-boss-queue.ts';
import { type DatabaseHandle, openDatabase } from './client.ts';
import { listMigrations, migrate, pendingMigrationCount } from './migrate.ts';

/** An empty database of the kind the suite runs on (fresh PGlite, or a new PostgreSQL database). */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) return openDatabase({});
  const name = `epeople_empty_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const handle = await openDatabase({ databaseUrl: withDatabase(templateUrl, name), poolMax: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('migrations', () => {
  it('are numbered NNNN-verb-object.sql without gaps', async () => {
    const migrations = await listMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((migration, index) => {
      expect(migration.version).toBe(String(index + 1).padStart(4, '0'));
    });
  });

  it('apply once when two nodes start together', async () => {
    const database = await openEmptyDatabase();
    try {
      expect(await pendingMigrationCount(database).catch(() => -1)).toBe(-1);
      const [first, second] = await Promise.all([migrate(database), migrate(database)]);
      const total = (await listMigrations()).length;
      expect(first.applied.length + second.applied.length).toBe(total);
      expect([first.applied.length, second.applied.length]).toContain(0);
      expect(await pendingMigrationCount(database)).toBe(0);
      expect((await migrate(database)).applied).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('two nodes starting together on a new database both start their job queue and create its queues (pg-boss’s schema failed on "already exists", its create_queue deadlocked)', async () => {
    const database = await openEmptyDatabase();
    const logger = pino({ level: 'silent' });
    try {
      await Promise.all([migrate(database), migrate(database)]);
      const queues = await Promise.all([startJobQueue(database, { logger }), startJobQueue(database, { logger })]);
      try {
        const noop = async () => {};
        await Promise.all(queues.flatMap((queue) => ['a.first', 'a.second'].map((name) => queue.work(name, noop))));
        expect(await queues[0].depth()).toEqual({ 'a.first': 0, 'a.second': 0 });
      } finally {
        await Promise.all(queues.map((queue) => queue.stop()));
      }
    } finally {
      await database.close();
    }
  });

  it('refuse to start when an applied migration was edited afterwards', async () => {
    const database = await openEmptyDatabase();
    try {
      await migrate(database);
      await database.exec(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001'`);
      await expect(migrate(database)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await database.close();
    }
  });
});
