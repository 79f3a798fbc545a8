import { Command } from 'commander';
import { registerMigrateCommand } from './cli/migrate.command.ts';
import { registerVerifyAuditCommand } from './cli/verify-audit.command.ts';

/** `npm run cli -- <command>`: administration tasks on the configured database. */
const program = new Command('epeople').description('ePeople administration').showHelpAfterError();
registerMigrateCommand(program);
registerVerifyAuditCommand(program);

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
