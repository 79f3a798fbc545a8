import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/accounts-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { formatDemoAccounts, seedDemoAccounts } from './seed.demo.ts';

const demoEmails = DEMO_ACCOUNTS.map((account) => account.email);

async function demoRoles(test: TestContext) {
  return queryRows<{ email: string; kind: string; role: string | null; code: string | null; scope: string | null }>(
    test.ctx.database.db,
    sql`SELECT u.email, u.kind, r.role, un.code, r.scope
          FROM users u
          LEFT JOIN role_assignments r ON r.user_id = u.id
          LEFT JOIN units un ON un.id = r.unit_id
         WHERE u.email IN ${demoEmails}`,
  );
}

describe('demo accounts', () => {
  describe('in demo mode', () => {
    let test: TestContext;
    beforeAll(async () => {
      test = await createTestContext({ env: { DEMO_MODE: 'true' } });
    });
    afterAll(async () => test.close());

    it('the start-up hook creates one account per role at its unit, plus a verified citizen', async () => {
      const rows = await demoRoles(test);
      expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
      for (const account of DEMO_ACCOUNTS) {
        const row = rows.find((r) => r.email === account.email);
        expect(row).toMatchObject({
          kind: account.kind,
          role: account.role?.role ?? null,
          code: account.role?.unitCode ?? null,
          scope: account.role?.scope ?? null,
        });
      }
      const roles = new Set(rows.map((row) => row.role));
      for (const role of [
        'system_admin',
        'central_office',
        'agency_admin',
        'supervisor',
        'officer',
        'moderator',
        'auditor',
      ]) {
        expect(roles).toContain(role);
      }
    });

    it('a second start creates nothing more', async () => {
      expect(await seedDemoAccounts(test.ctx)).toBe(0);
      expect(await demoRoles(test)).toHaveLength(DEMO_ACCOUNTS.length);
    });

    it('the demo citizen signs in with the published password; staff still enrol TOTP', async () => {
      const app = await test.buildApp();
      const citizen = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'demo-citizen@epeople.tn', password: DEMO_PASSWORD },
      });
      expect(citizen.json()).toMatchObject({ status: 'signed_in', user: { kind: 'citizen', emailVerified: true } });
      const staff = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'demo-officer-sfax@epeople.tn', password: DEMO_PASSWORD },
      });
      expect(staff.json()).toMatchObject({ status: 'second_factor_pending', needsEnrolment: true });
      const officer = await signIn(app, 'demo-officer-sfax@epeople.tn', DEMO_PASSWORD);
      expect(officer.totpSecret).toBeTruthy();
    });

    it('the printed table names every demo account and the password', () => {
      const table = formatDemoAccounts();
      for (const email of demoEmails) expect(table).toContain(email);
      expect(table).toContain(DEMO_PASSWORD);
      expect(table).toContain('cro-tn-61');
    });
  });

  describe('outside demo mode', () => {
    let test: TestContext;
    beforeAll(async () => {
      test = await createTestContext({ env: { DEMO_MODE: 'false' } });
    });
    afterAll(async () => test.close());

    it('no demo account exists', async () => {
      expect(await demoRoles(test)).toHaveLength(0);
    });
  });
});
