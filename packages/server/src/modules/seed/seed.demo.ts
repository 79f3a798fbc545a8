import type { AppContext } from '../../app-context.ts';
import { createUserWithPassword } from '../accounts/index.ts';
import { createStaffRepository } from '../staff/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { createSeedRepository } from './seed.repository.ts';

/**
 * Creates the demo accounts that are missing (by e-mail) with their role, one transaction each.
 * Cheap when present: one query, no password hashing. Answers how many were created.
 */
export async function seedDemoAccounts(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const existing = await createSeedRepository({ db }).existingUserEmails(DEMO_ACCOUNTS.map((account) => account.email));
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (existing.has(account.email)) continue;
    await db.transaction(async (tx) => {
      const { userId } = await createUserWithPassword({
        db: tx,
        kind: account.kind,
        email: account.email,
        password: DEMO_PASSWORD,
        fullName: account.fullName,
        language: account.language,
        governorate: account.governorate ?? null,
        allowWeak: true,
        now: ctx.now(),
      });
      if (account.role) {
        const unitId = (await createSeedRepository({ db: tx }).unitIdsByCode([account.role.unitCode])).get(
          account.role.unitCode,
        );
        if (!unitId) throw new Error(`demo account unit ${account.role.unitCode} is missing`);
        await createStaffRepository({ db: tx }).insertRoleAssignment({
          userId,
          role: account.role.role,
          unitId,
          scope: account.role.scope,
        });
      }
    });
    created += 1;
  }
  return created;
}

/** The plain table printed at start in demo mode (demo passwords are public by design). */
export function formatDemoAccounts(): string {
  const rows = DEMO_ACCOUNTS.map((account) => [
    account.email,
    account.role?.role ?? 'citizen',
    account.role ? `${account.role.unitCode} (${account.role.scope})` : '-',
  ]);
  const header = ['e-mail', 'role', 'unit (scope)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD}; staff enrol TOTP at first sign-in):`,
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}
