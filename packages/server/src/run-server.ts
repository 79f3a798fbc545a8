import { createLogger } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { tolerateDatabaseLossRejections } from './db/database-loss-guard.ts';
import { startServer } from './server.ts';

/** `npm start` (through main.ts): configuration → database → migrations → jobs → app → listen. */
export async function runServer(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // The database going away must not end the process (docs/operations.md).
  tolerateDatabaseLossRejections(createLogger(config.LOG_LEVEL));
  const startedAt = performance.now();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    // Found once the database is open: an APP_SECRET that is not the data's (app-secret/).
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const mode = config.isEmbeddedDatabase ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL';
  server.ctx.logger.info(
    `ePeople listening on http://${config.HOST}:${config.PORT} (${mode}) after ${Math.round(performance.now() - startedAt)} ms` +
      ` (${Math.round(startedAt)} ms more loading modules), ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB resident`,
  );
  if (config.isEmbeddedDatabase) {
    server.ctx.logger.warn(
      'The embedded database (PGlite) never calls fsync: use it to try ePeople, develop and run small pilots; run production on PostgreSQL (DATABASE_URL).',
    );
  }
  // SIGTERM/SIGINT finish the requests and jobs in flight, then close the database, in the order
  // of docs/operations.md#stopping; a request that never ends (a client stalled mid-upload, a
  // hung call) cannot hold the process past SHUTDOWN_GRACE_SECONDS, and a second signal exits at once.
  let isStopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (isStopping) {
        server.ctx.logger.warn(`${signal} again: exiting now`);
        process.exit(1);
      }
      isStopping = true;
      server.ctx.logger.info(`${signal}: shutting down (at most ${config.SHUTDOWN_GRACE_SECONDS} s)`);
      setTimeout(() => {
        server.ctx.logger.error(
          `shutdown grace period of ${config.SHUTDOWN_GRACE_SECONDS} s is over: exiting with work unfinished`,
        );
        process.exit(1);
      }, config.SHUTDOWN_GRACE_SECONDS * 1000).unref();
      server.shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          server.ctx.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
