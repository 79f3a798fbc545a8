import type { Language } from '@epeople/contracts';
import type { Database } from '../db/client.ts';
import { createUserWithPassword } from '../modules/accounts/index.ts';
import { createAuditRepository } from '../modules/audit/index.ts';
import { createStaffRepository } from '../modules/staff/index.ts';
import { CENTRAL_OFFICE_CODE, createUnitsRepository } from '../modules/units/index.ts';

/**
 * The first administrator of a new installation: a staff account with the system_admin role,
 * held at the central office with reach over everything. Only the CLI (someone with shell access
 * to the server) may do this; everyone else is created by an administrator through the API.
 */
export async function createSystemAdministrator({
  db,
  email,
  fullName,
  language,
  password,
  now,
}: {
  db: Database;
  email: string;
  fullName: string;
  language: Language;
  password: string;
  now: Date;
}): Promise<{ userId: string }> {
  return db.transaction(async (tx) => {
    const centralOffice = await createUnitsRepository({ db: tx }).findByCode(CENTRAL_OFFICE_CODE);
    if (!centralOffice)
      throw new Error('The central office unit is missing: start the server once to load reference data.');
    const { userId } = await createUserWithPassword({
      db: tx,
      kind: 'staff',
      email,
      password,
      fullName,
      language,
      now,
    });
    await createStaffRepository({ db: tx }).insertRoleAssignment({
      userId,
      role: 'system_admin',
      unitId: centralOffice.id,
      scope: 'all',
    });
    await createAuditRepository({ db: tx }).record({
      actorId: null,
      actorKind: 'system',
      action: 'staff.administrator_created_by_cli',
      subjectType: 'user',
      subjectId: userId,
      data: { role: 'system_admin', unitId: centralOffice.id },
    });
    return { userId };
  });
}
