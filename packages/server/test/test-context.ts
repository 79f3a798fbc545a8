import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AppContext } from '../src/app-context.ts';
import { loadConfig } from '../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { startJobQueue } from '../src/jobs/pg-boss-queue.ts';
import { createMailTransport } from '../src/modules/mail/mail.transport-factory.ts';
import { STARTUP_HOOKS } from '../src/modules/startup.ts';
import { withDatabase } from './global-setup.ts';
import {
  checkRecordedResponses,
  type OpenApiDocumentLike,
  type RecordedResponse,
  recordResponses,
} from './openapi-replay.ts';
import { writeProductionKeyFiles } from './production-keys.ts';

/**
 * A fresh database for one test file: a clone of the migrated PGlite dump, or a copy of the
 * PostgreSQL template database when the suite runs with TEST_DATABASE_URL.
 */
export async function openTestDatabase(options: { waitTimeoutMs?: number } = {}): Promise<DatabaseHandle> {
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) {
    const dump = await readFile(inject('pgliteDumpPath'));
    return openDatabase({ loadDataDir: new Blob([dump]), ...options });
  }
  const name = `epeople_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const template = new URL(templateUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const handle = await openDatabase({ databaseUrl: withDatabase(templateUrl, name), poolMax: 5, ...options });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestContextOptions {
  env?: Record<string, string>;
  /** Run the modules' startup hooks (seed data, workers). Default true. */
  runStartupHooks?: boolean;
  /** Where the context's logger writes (default: nowhere); a test of logging passes a stream. */
  logger?: AppContext['logger'];
}

export interface TestContext {
  ctx: AppContext;
  /** Moves the context's clock forward (codes and lockouts expire by it). */
  advanceClock(milliseconds: number): void;
  buildApp(): ReturnType<typeof buildApp>;
  close(): Promise<void>;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  // Files the app keeps (attachments) go to a folder of this test file's own, removed at close.
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    APP_SECRET: randomBytes(32).toString('base64url'),
    DATA_DIR: dataDir,
    DEMO_MODE: 'false',
    // Production refuses to start without its keys and its public address.
    ...(options.env?.NODE_ENV === 'production'
      ? { PUBLIC_URL: 'https://epeople.test', ...(await writeProductionKeyFiles(dataDir)) }
      : {}),
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  const database = await openTestDatabase({ waitTimeoutMs: config.DATABASE_WAIT_TIMEOUT_MS });
  const jobs = await startJobQueue(database, { logger, pollingIntervalSeconds: 0.5 });
  let offset = 0;
  const ctx: AppContext = {
    config,
    database,
    jobs,
    mailTransport: createMailTransport({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      publicUrl: config.PUBLIC_URL,
    }),
    now: () => new Date(Date.now() + offset),
    logger,
  };
  const stoppers: Array<() => Promise<void> | void> = [];
  if (options.runStartupHooks !== false) {
    for (const hook of STARTUP_HOOKS) {
      const stop = await hook(ctx);
      if (stop) stoppers.push(stop);
    }
  }
  const apps: Array<Awaited<ReturnType<typeof buildApp>>> = [];
  // Every answer the file's tests get is checked against the OpenAPI document at close (test/openapi-replay.ts).
  const recorded: RecordedResponse[] = [];
  return {
    ctx,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
    },
    buildApp: async () => {
      const app = await buildApp(ctx);
      recordResponses(app, recorded);
      apps.push(app);
      return app;
    },
    close: async () => {
      const first = apps[0];
      let failures: string[] = [];
      if (first && recorded.length > 0) {
        const document = first.swagger() as unknown as OpenApiDocumentLike;
        failures = checkRecordedResponses(document, recorded);
      }
      for (const app of apps) await app.close();
      for (const stop of stoppers.reverse()) await stop();
      await jobs.stop();
      ctx.mailTransport.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
      if (failures.length > 0 && !process.env.OPENAPI_REPLAY_LOG) {
        throw new Error(`answers the OpenAPI document does not describe:\n${failures.join('\n')}`);
      }
    },
  };
}
