import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../agencies-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Staff sessions reach citizens' personal data, so they end sooner than a citizen's (ASVS 3.3.2
 * level 2; docs/adr/0004-sessions-and-csrf.md). The threats and their tests:
 * - a session left open on a shared office computer is used by the next person at the desk;
 * - a session kept alive by use (or by a stolen cookie replayed every few minutes) never ends.
 */
const MINUTE = 60_000;

describe('staff session lifetime', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let health: string;

  beforeAll(async () => {
    test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } });
    app = await test.buildApp();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
  });
  afterAll(async () => test.close());

  const signInOfficer = () =>
    signInStaff(app, test.ctx.database.db, [{ role: 'officer', unitId: health, scope: 'unit' }], {
      now: () => test.ctx.now(),
    });

  it('a staff session left open on an office computer ends after 30 minutes without use', async () => {
    const officer = await signInOfficer();
    test.advanceClock(29 * MINUTE);
    expect((await authed(app, officer).get('/api/v1/inbox')).statusCode).toBe(200);
    // The use slid the session: 29 more minutes are within 30 of the last use.
    test.advanceClock(29 * MINUTE);
    const slid = await authed(app, officer).get('/api/v1/inbox');
    expect(slid.statusCode).toBe(200);
    const cookie = slid.cookies.find((c) => c.name === 'epeople_session');
    expect(cookie?.maxAge).toBe(30 * 60);
    test.advanceClock(30 * MINUTE + 1000);
    const left = await authed(app, officer).get('/api/v1/inbox');
    expect(left.statusCode).toBe(401);
    expect(left.json()).toMatchObject({ code: 'common.unauthenticated' });
  });

  it('a staff session used every few minutes still ends 12 hours after sign-in', async () => {
    const officer = await signInOfficer();
    let used = await authed(app, officer).get('/api/v1/me');
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      test.advanceClock(20 * MINUTE);
      used = await authed(app, officer).get('/api/v1/me');
      expect(used.statusCode).toBe(200);
    }
    // 11 h 40 after sign-in: the cookie promises the 20 minutes left, not another 30. (The test
    // clock moves with real time too, so the seconds the loop took come off those 20 minutes.)
    const maxAge = used.cookies.find((c) => c.name === 'epeople_session')?.maxAge ?? 0;
    expect(maxAge).toBeLessThanOrEqual(20 * 60);
    expect(maxAge).toBeGreaterThan(19 * 60);
    test.advanceClock(20 * MINUTE + 1000);
    const ended = await authed(app, officer).get('/api/v1/me');
    expect(ended.statusCode).toBe(401);
    expect(ended.json()).toMatchObject({ code: 'common.unauthenticated' });
  });
});
