import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import { buildApp, createLogger } from './app.ts';
import type { AppContext } from './app-context.ts';
import { checkAppSecret } from './app-secret/app-secret.fingerprint.ts';
import { startBackupChannel } from './backup/backup.channel.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { startJobQueue } from './jobs/pg-boss-queue.ts';
import { createMailTransport } from './modules/mail/mail.transport-factory.ts';
import { STARTUP_HOOKS } from './modules/startup.ts';
import { closeGracefully } from './plugins/connection-drain.ts';
import { createPhaseClock, type StartupPhase } from './startup-phases.ts';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  /** Stops accepting, finishes in-flight requests and jobs, then closes the database (docs/operations.md#stopping). */
  shutdown(): Promise<void>;
  /** How long each start-up phase took and the RSS after it (docs/operations.md). */
  startupPhases: StartupPhase[];
}

/**
 * The application secret encrypts TOTP secrets. Production must set APP_SECRET; elsewhere one is
 * made on first start and kept in the data folder so restarts can still read what it sealed.
 */
async function resolveAppSecret(config: Config): Promise<string> {
  if (config.APP_SECRET) return config.APP_SECRET;
  await mkdir(config.DATA_DIR, { recursive: true });
  const path = join(config.DATA_DIR, 'app-secret');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(path, `${secret}\n`, { mode: 0o600 });
    await chmod(path, 0o600);
    return secret;
  }
}

/** PostgreSQL without fsync or synchronous commit can lose answered cases on a crash: say so. */
async function warnOnUnsafeDurability(database: DatabaseHandle, logger: pino.Logger): Promise<void> {
  if (database.kind !== 'postgres') return;
  const { rows } = await database.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')`,
  );
  for (const row of rows) {
    if (row.setting === 'off')
      logger.warn(`PostgreSQL runs with ${row.name}=off: committed data can be lost on a crash`);
  }
}

export interface StartOptions {
  /** Open an existing database handle instead of the configured one (tests). */
  database?: DatabaseHandle;
  jobs?: JobQueue;
  listen?: boolean;
  /** Adds to the app before it starts (tests add routes here). */
  extend?: (app: FastifyInstance) => void;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const clock = createPhaseClock();
  const appSecret = await clock.time('app secret', () => resolveAppSecret(config));
  const database =
    options.database ??
    (await clock.time('database open', () =>
      openDatabase({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        poolMax: config.DATABASE_POOL_MAX,
        waitTimeoutMs: config.DATABASE_WAIT_TIMEOUT_MS,
        // The SQLSTATE or socket code says why; the message may quote the server's words.
        onConnectionLost: (error) =>
          logger.warn({ code: (error as { code?: unknown }).code }, 'database connection lost'),
      }),
    ));
  await warnOnUnsafeDurability(database, logger);
  const { applied } = await clock.time('migrations', () => migrate(database));
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  try {
    await clock.time('app secret check', () => checkAppSecret({ db: database.db, appSecret }));
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
  const jobs =
    options.jobs ??
    (await clock.time('job queue', () =>
      startJobQueue(database, { logger, expiryCheckSeconds: config.DELIVERY_JOB_EXPIRE_SECONDS }),
    ));
  const mailTransport = createMailTransport({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
  });
  const ctx: AppContext = {
    config: { ...config, APP_SECRET: appSecret },
    database,
    jobs,
    mailTransport,
    now: () => new Date(),
    logger,
  };
  const stoppers: Array<() => Promise<void> | void> = [];
  for (const hook of STARTUP_HOOKS) {
    const stop = await clock.time(`hook ${hook.name}`, () => hook(ctx));
    if (stop) stoppers.push(stop);
  }
  // The `backup` command reaches the embedded database through its running server (backup/).
  if (!options.database && database.dumpDataDir) {
    try {
      stoppers.push(
        await clock.time('backup channel', () => startBackupChannel({ database, dataDir: config.DATA_DIR, logger })),
      );
    } catch (error) {
      logger.warn({ err: error }, 'backup channel unavailable: stop the server to back it up');
    }
  }
  const app = await clock.time('app build', () => buildApp(ctx));
  options.extend?.(app);
  if (options.listen !== false) {
    await clock.time('listen', () => app.listen({ host: config.HOST, port: config.PORT }));
  } else {
    await clock.time('ready', () => app.ready());
  }
  const startupPhases = clock.phases();
  logger.info({ startupPhases }, 'start-up phases');

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      await closeGracefully(app);
      for (const stop of stoppers.reverse()) await stop();
      await jobs.stop();
      mailTransport.close();
      await database.close();
    })();
    return closing;
  };
  return { app, ctx, shutdown, startupPhases };
}
