import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { MailTransport } from './modules/mail/mail.transport.ts';

/** What the server's modules depend on; built once by main.ts (or by a test) and passed down. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  jobs: JobQueue;
  mailTransport: MailTransport;
  /** The current time; tests move it to expire codes and lockouts. */
  now: () => Date;
  logger: FastifyBaseLogger;
}
