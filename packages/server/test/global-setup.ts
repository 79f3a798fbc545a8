import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { startJobQueue } from '../src/jobs/pg-boss-queue.ts';
import { seedReferenceData } from '../src/modules/seed/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a dump of the migrated data folder each test file starts from. */
    pgliteDumpPath: string;
    /** PostgreSQL: the migrated template database each test file copies. */
    postgresTemplateUrl: string;
  }
}

/**
 * Migrates and seeds (reference data) one database for the whole run (initdb and migrations take seconds), including the
 * job queue's schema; each test file then starts from a copy of it (about half a second).
 * With TEST_DATABASE_URL the suite runs on that PostgreSQL server; otherwise on PGlite.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = pino({ level: 'silent' });
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const templateName = `epeople_template_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${templateName}`);
    const templateUrl = withDatabase(postgresUrl, templateName);
    const handle = await openDatabase({ databaseUrl: templateUrl, poolMax: 2 });
    await migrate(handle);
    await seedReferenceData({ db: handle.db });
    await (await startJobQueue(handle, { logger })).stop();
    await handle.close();
    project.provide('postgresTemplateUrl', templateUrl);
    project.provide('pgliteDumpPath', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
      await admin.end();
    };
  }
  const folder = await mkdtemp(join(tmpdir(), 'epeople-test-'));
  const handle = await openDatabase({});
  await migrate(handle);
  await seedReferenceData({ db: handle.db });
  await (await startJobQueue(handle, { logger })).stop();
  if (!handle.pglite) throw new Error('expected an embedded database');
  const dump = await handle.pglite.dumpDataDir('none');
  const dumpPath = join(folder, 'migrated.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteDumpPath', dumpPath);
  project.provide('postgresTemplateUrl', '');
  return async () => {
    await rm(folder, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
