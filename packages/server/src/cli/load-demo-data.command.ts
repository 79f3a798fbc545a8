import type { Command } from 'commander';
import pino from 'pino';
import type { AppContext } from '../app-context.ts';
import { loadConfig } from '../config.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createMailTransport } from '../modules/mail/mail.transport-factory.ts';
import { formatDemoAccounts, seedDemoAccounts, seedReferenceData } from '../modules/seed/index.ts';
import { openCliDatabase } from './open-cli-database.ts';

/** Seeding sends no e-mail and queues no job; the CLI needs no running queue. */
const NO_JOBS: JobQueue = {
  send: async () => null,
  work: async () => {},
  depth: async () => ({}),
  stop: async () => {},
};

export function registerLoadDemoDataCommand(program: Command): void {
  program
    .command('load-demo-data')
    .description('Load reference data and the demo accounts (refused in production)')
    .action(async () => {
      const config = loadConfig();
      if (config.isProduction) {
        console.error('Demo accounts are never created in production.');
        process.exitCode = 1;
        return;
      }
      const database = await openCliDatabase(config);
      try {
        const ctx: AppContext = {
          config,
          database,
          jobs: NO_JOBS,
          mailTransport: createMailTransport({
            smtpUrl: undefined,
            from: config.MAIL_FROM,
            publicUrl: config.PUBLIC_URL,
          }),
          now: () => new Date(),
          logger: pino({ level: 'silent' }),
        };
        const reference = await seedReferenceData({ db: database.db });
        const created = await seedDemoAccounts(ctx);
        console.log(
          reference.skipped
            ? 'Reference data already loaded.'
            : `Reference data loaded: ${JSON.stringify(reference.inserted)}`,
        );
        console.log(`${created} demo accounts created.\n${formatDemoAccounts()}`);
      } finally {
        await database.close();
      }
    });
}
