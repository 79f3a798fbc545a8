import { Command } from 'commander';
import { registerBackupCommand } from './cli/backup.command.ts';
import { registerCreateAdminCommand } from './cli/create-admin.command.ts';
import { registerLoadDemoDataCommand } from './cli/load-demo-data.command.ts';
import { registerMigrateCommand } from './cli/migrate.command.ts';
import { registerRestoreCommand } from './cli/restore.command.ts';
import { registerVerifyAnswerCommand } from './cli/verify-answer.command.ts';
import { registerVerifyAuditCommand } from './cli/verify-audit.command.ts';

/** `npm run cli -- <command>`: administration tasks on the configured database. */
const program = new Command('epeople').description('ePeople administration').showHelpAfterError();
registerMigrateCommand(program);
registerVerifyAuditCommand(program);
registerCreateAdminCommand(program);
registerLoadDemoDataCommand(program);
registerVerifyAnswerCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);

program.parseAsync().catch((error: unknown) => {
  // Refusals carry a stable code (e.g. staff.email_taken); anything else its message.
  console.error(`Refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
