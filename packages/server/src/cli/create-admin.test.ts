import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, signIn } from '../../test/accounts-helpers.ts';
import { createTestContext, type TestContext } from '../../test/test-context.ts';
import { createSystemAdministrator } from './create-admin.ts';

describe('creating the first administrator from the CLI', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  it('gives a staff account that signs in with TOTP and administers every unit', async () => {
    const input = { email: 'first.admin@interieur.gov.tn', fullName: 'Hela Mansour', language: 'fr' as const };
    await createSystemAdministrator({
      db: test.ctx.database.db,
      ...input,
      password: 'a-long-admin-passphrase',
      now: new Date(),
    });
    const app = await test.buildApp();
    const session = await signIn(app, input.email, 'a-long-admin-passphrase');
    expect(session.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    const me = (await authed(app, session).get('/api/v1/me')).json();
    expect(me.roles).toEqual([expect.objectContaining({ role: 'system_admin', scope: 'all' })]);
    const staff = await authed(app, session).get('/api/v1/admin/staff');
    expect(staff.statusCode).toBe(200);
  });

  it('refuses an address already taken and changes nothing', async () => {
    const count = async () =>
      Number(
        (await test.ctx.database.query<{ n: string }>('SELECT count(*)::text AS n FROM role_assignments')).rows[0]?.n,
      );
    const before = await count();
    await expect(
      createSystemAdministrator({
        db: test.ctx.database.db,
        email: 'first.admin@interieur.gov.tn',
        fullName: 'Someone Else',
        language: 'ar',
        password: 'another-long-passphrase',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'staff.email_taken' });
    expect(await count()).toBe(before);
  });
});
