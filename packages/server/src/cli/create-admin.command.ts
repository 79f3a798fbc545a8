import { randomBytes } from 'node:crypto';
import { emailSchema, fullNameSchema, languageSchema } from '@epeople/contracts';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { seedReferenceData } from '../modules/seed/index.ts';
import { createSystemAdministrator } from './create-admin.ts';
import { openCliDatabase } from './open-cli-database.ts';

export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description('Create a system administrator (staff; enrols TOTP at first sign-in)')
    .requiredOption('--email <email>', 'e-mail address, used to sign in')
    .requiredOption('--name <name>', 'full name')
    .option('--language <language>', 'ar, fr or en', 'ar')
    .addHelpText(
      'after',
      '\nThe password is read from EPEOPLE_ADMIN_PASSWORD; without it a strong one is generated and printed once.',
    )
    .action(async (options: { email: string; name: string; language: string }) => {
      const email = emailSchema.parse(options.email);
      const fullName = fullNameSchema.parse(options.name);
      const language = languageSchema.parse(options.language);
      const given = process.env.EPEOPLE_ADMIN_PASSWORD;
      const password = given ?? randomBytes(18).toString('base64url');
      const config = loadConfig();
      const database = await openCliDatabase(config);
      try {
        await seedReferenceData({ db: database.db });
        const { userId } = await createSystemAdministrator({
          db: database.db,
          email,
          fullName,
          language,
          password,
          now: new Date(),
        });
        console.log(`System administrator ${email} created (${userId}).`);
        if (!given) console.log(`Password (shown once, change it after signing in): ${password}`);
      } finally {
        await database.close();
      }
    });
}
