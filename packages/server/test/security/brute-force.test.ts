import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../../src/modules/accounts/index.ts';
import { createStaff } from '../../src/modules/staff/staff.usecases.ts';
import {
  authed,
  captureCode,
  registerAndVerifyCitizen,
  STRONG_PASSWORD,
  sessionCookieOf,
  signIn,
  totpCode,
  uniqueEmail,
} from '../accounts-helpers.ts';
import { SYSTEM, unitIdOf } from '../agencies-helpers.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Guessing secrets, one test per attack (docs/access-control.md lists each door's limit). Each
 * shows the limit binding the attacker and the right secret still working for another case or
 * another person behind the same address.
 */
describe('brute force', () => {
  let test: TestContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    // The per-address request ceiling of the auth routes is not what is tested here.
    test = await createTestContext({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000' } });
    app = await test.buildApp();
  });
  afterAll(async () => test.close());

  let nextAddress = 1;
  /** A client address of its own for each use, so tests never share a count by accident. */
  const newAddress = () => `198.51.100.${nextAddress++}`;

  const post = (url: string, payload: object, remoteAddress = '192.0.2.1') =>
    app.inject({ method: 'POST', url, payload, remoteAddress });
  const codeOf = (response: LightMyRequestResponse) => (response.json() as { code?: string }).code;
  const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

  describe('six-digit e-mailed codes', () => {
    it('asking for code after code buys no new guesses at an unenrolled staff member’s password-reset code', async () => {
      const email = uniqueEmail('new-officer');
      const invite = () =>
        createStaff({
          ctx: test.ctx,
          actor: SYSTEM,
          input: { email, fullName: 'Rim Jaziri', language: 'fr', roles: [{ role: 'officer', unitId, scope: 'unit' }] },
        });
      const unitId = await unitIdOf(test.ctx.database.db, 'min-health');
      const invitation = await captureCode(test, email, invite);
      const reset = (code: string, address?: string) =>
        post('/api/v1/auth/password/reset', { email, code, newPassword: 'taken-over-by-guessing' }, address);

      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(codeOf(await reset(wrongCode(invitation)))).toBe('accounts.invalid_code');
      }
      // A fresh code used to mean five fresh guesses, about 28,800 a day: now it is still locked.
      const fresh = await captureCode(test, email, () => post('/api/v1/auth/password/forgot', { email }));
      const locked = await reset(fresh);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'accounts.too_many_attempts', retryAfterSeconds: 900 });

      // Someone else behind the same address resets their password with their own code.
      const { email: neighbour } = await registerAndVerifyCitizen(app, test);
      const theirs = await captureCode(test, neighbour, () =>
        post('/api/v1/auth/password/forgot', { email: neighbour }),
      );
      const neighbourReset = await post('/api/v1/auth/password/reset', {
        email: neighbour,
        code: theirs,
        newPassword: 'a-neighbour-resets-fine',
      });
      expect(neighbourReset.statusCode).toBe(204);

      // The lock passes; a further wrong guess locks twice as long; the owner's right code then works.
      test.advanceClock(15 * 60_000 + 1000);
      expect(codeOf(await reset(wrongCode(fresh)))).toBe('accounts.invalid_code');
      expect((await reset(fresh)).json()).toMatchObject({
        code: 'accounts.too_many_attempts',
        retryAfterSeconds: 1800,
      });
      test.advanceClock(30 * 60_000 + 1000);
      const current = await captureCode(test, email, () => post('/api/v1/auth/password/forgot', { email }));
      expect((await reset(current)).statusCode).toBe(204);
    });
  });

  describe('sign-in', () => {
    /** Fails ten times for `email` from `address`, waiting out each delay as a patient attacker would. */
    async function failTenTimes(email: string, address: string): Promise<Array<number>> {
      const statuses: number[] = [];
      for (let failure = 1; failure <= 10; failure++) {
        statuses.push(
          (await post('/api/v1/auth/sign-in', { email, password: `wrong-${failure}` }, address)).statusCode,
        );
        if (failure >= 5 && failure < 10) {
          const waiting = await post('/api/v1/auth/sign-in', { email, password: `wrong-again-${failure}` }, address);
          statuses.push(waiting.statusCode, waiting.json().retryAfterSeconds);
          test.advanceClock(2 ** (failure - 4) * 1000 + 1);
        }
      }
      statuses.push((await post('/api/v1/auth/sign-in', { email, password: 'still-wrong' }, address)).statusCode);
      return statuses;
    }

    it('an unknown address is answered exactly as a known one, through the slow-down and the lock', async () => {
      const { email: known } = await registerAndVerifyCitizen(app, test);
      const address = newAddress();
      const forKnown = await failTenTimes(known, address);
      const forUnknown = await failTenTimes(uniqueEmail('nobody'), address);
      expect(forUnknown).toEqual(forKnown);
      expect(forKnown.at(-1)).toBe(423);
      test.advanceClock(15 * 60_000 + 1000);
    });

    it('failing on purpose from one address cannot lock a staff member out: the lock holds for that address only', async () => {
      const email = uniqueEmail('supervisor');
      await createUserWithPassword({
        db: test.ctx.database.db,
        kind: 'staff',
        email,
        password: STRONG_PASSWORD,
        fullName: 'Hela Ayari',
        language: 'fr',
      });
      const attacker = newAddress();
      expect((await failTenTimes(email, attacker)).at(-1)).toBe(423);

      const atTheOffice = await post('/api/v1/auth/sign-in', { email, password: STRONG_PASSWORD }, newAddress());
      expect(atTheOffice.statusCode).toBe(200);
      const fromTheAttacker = await post('/api/v1/auth/sign-in', { email, password: STRONG_PASSWORD }, attacker);
      expect(fromTheAttacker.statusCode).toBe(423);
      test.advanceClock(15 * 60_000 + 1000);
    });

    it('a spray from many addresses locks an account without a second factor, never a staff member with one', async () => {
      const { email: citizen, password } = await registerAndVerifyCitizen(app, test);
      const staffEmail = uniqueEmail('enrolled');
      await createUserWithPassword({
        db: test.ctx.database.db,
        kind: 'staff',
        email: staffEmail,
        password: STRONG_PASSWORD,
        fullName: 'Walid Hamdi',
        language: 'fr',
      });
      const { totpSecret } = await signIn(app, staffEmail, STRONG_PASSWORD, { now: test.ctx.now });
      for (let address = 1; address <= 10; address++) {
        const from = newAddress();
        for (const email of [citizen, staffEmail]) {
          for (let failure = 1; failure <= 10; failure++) {
            await post('/api/v1/auth/sign-in', { email, password: `spray-${address}-${failure}` }, from);
            if (failure >= 5) test.advanceClock(2 ** (failure - 4) * 1000 + 1);
          }
        }
      }
      const citizenNow = await post('/api/v1/auth/sign-in', { email: citizen, password }, newAddress());
      expect(citizenNow.statusCode).toBe(423);
      // The enrolled staff member's password alone opens nothing: they still get in, with their code.
      await signIn(app, staffEmail, STRONG_PASSWORD, { totpSecret, now: test.ctx.now });
      // The citizen lifts the lock with a password reset from their mailbox.
      const code = await captureCode(test, citizen, () => post('/api/v1/auth/password/forgot', { email: citizen }));
      await post('/api/v1/auth/password/reset', { email: citizen, code, newPassword: 'back-in-after-a-spray' });
      expect(
        (await post('/api/v1/auth/sign-in', { email: citizen, password: 'back-in-after-a-spray' })).statusCode,
      ).toBe(200);
      test.advanceClock(24 * 3_600_000);
    }, 120_000);

    it('TOTP guesses by someone who knows the password wait longer and longer after the lock', async () => {
      const email = uniqueEmail('officer');
      await createUserWithPassword({
        db: test.ctx.database.db,
        kind: 'staff',
        email,
        password: STRONG_PASSWORD,
        fullName: 'Mehdi Jlassi',
        language: 'fr',
      });
      const { totpSecret } = await signIn(app, email, STRONG_PASSWORD, { now: test.ctx.now });
      /** The password step: a session waiting for its second factor (it lasts 10 minutes). */
      const passwordStep = async () => {
        const pending = await post('/api/v1/auth/sign-in', { email, password: STRONG_PASSWORD });
        expect(pending.statusCode).toBe(200);
        return { cookie: sessionCookieOf(pending), csrfToken: pending.json().csrfToken as string };
      };
      let session = await passwordStep();
      const guess = async () => {
        const right = await totpCode(totpSecret as string, test.ctx.now());
        return authed(app, session).post('/api/v1/auth/second-factor/verify', { code: wrongCode(right) });
      };
      for (let failure = 1; failure <= 10; failure++) {
        expect(codeOf(await guess())).toBe('accounts.second_factor_invalid');
        if (failure >= 5 && failure < 10) test.advanceClock(2 ** (failure - 4) * 1000 + 1);
      }
      expect((await guess()).json()).toMatchObject({ code: 'accounts.account_locked', retryAfterSeconds: 900 });
      test.advanceClock(15 * 60_000 + 1000);
      session = await passwordStep();
      expect(codeOf(await guess())).toBe('accounts.second_factor_invalid');
      // Doubling locks leave about 17 guesses a day instead of 96.
      expect((await guess()).json()).toMatchObject({ code: 'accounts.account_locked', retryAfterSeconds: 1800 });
      test.advanceClock(24 * 3_600_000);
    });
  });

  describe('password confirmations', () => {
    it('a stolen session cannot guess the account’s password through /me/password and DELETE /me', async () => {
      const { email, password } = await registerAndVerifyCitizen(app, test);
      const session = await signIn(app, email, password);
      for (let failure = 1; failure <= 5; failure++) {
        const response = await authed(app, session).post('/api/v1/me/password', {
          currentPassword: `guess-${failure}-password`,
          newPassword: 'mine-now-entirely',
        });
        expect(codeOf(response)).toBe('accounts.wrong_password');
      }
      const changing = await authed(app, session).post('/api/v1/me/password', {
        currentPassword: password,
        newPassword: 'mine-now-entirely',
      });
      expect(changing.statusCode).toBe(429);
      expect(codeOf(await authed(app, session).delete('/api/v1/me', { password }))).toBe('accounts.too_many_attempts');

      // Another person, from the same address, changes their own password.
      const other = await registerAndVerifyCitizen(app, test);
      const theirs = await signIn(app, other.email, other.password);
      const changed = await authed(app, theirs).post('/api/v1/me/password', {
        currentPassword: other.password,
        newPassword: 'a-new-password-of-theirs',
      });
      expect(changed.statusCode).toBe(204);
      test.advanceClock(24 * 3_600_000);
    });
  });

  describe('access codes', () => {
    const fileAsGuest = async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        remoteAddress: newAddress(),
        payload: {
          type: 'petition',
          title: 'Le centre de santé est fermé le samedi',
          description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
          language: 'fr',
          guest: { name: 'Sami', email: uniqueEmail('guest') },
          unitId: await unitIdOf(test.ctx.database.db, 'min-health'),
        },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json() as { case: { reference: string }; accessCode: string };
      return { reference: body.case.reference, accessCode: body.accessCode };
    };
    const wrongAccessCode = (code: string) => `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    const track = (reference: string, accessCode: string, remoteAddress: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/cases/${reference}`,
        headers: { 'x-access-code': accessCode },
        remoteAddress,
      });

    it('a wrong code for one case does not lock out the right code for another case, or another person, behind one address', async () => {
      const mistyped = await fileAsGuest();
      const neighbours = await fileAsGuest();
      const school = newAddress();
      for (let attempt = 1; attempt <= 10; attempt++) {
        expect((await track(mistyped.reference, wrongAccessCode(mistyped.accessCode), school)).statusCode).toBe(404);
      }
      expect((await track(mistyped.reference, mistyped.accessCode, school)).statusCode).toBe(429);
      expect((await track(neighbours.reference, neighbours.accessCode, school)).statusCode).toBe(200);
      expect((await track(mistyped.reference, mistyped.accessCode, newAddress())).statusCode).toBe(200);

      // A spray across references from one address is still stopped.
      const sprayer = newAddress();
      for (let index = 0; index < 100; index++) {
        expect(
          (await track(`PET-2026-${String(index).padStart(6, '0')}-X`, mistyped.accessCode, sprayer)).statusCode,
        ).toBe(404);
      }
      expect((await track(neighbours.reference, neighbours.accessCode, sprayer)).statusCode).toBe(429);
    });

    it('wrong codes are limited on every door that takes one: answers, answer files, attachments and the verifier', async () => {
      const theCase = await fileAsGuest();
      const someoneElse = await fileAsGuest();
      const anyId = '00000000-0000-4000-8000-000000000000';
      const doors: Array<(code: string, reference: string, remoteAddress: string) => Promise<LightMyRequestResponse>> =
        [
          (code, reference, remoteAddress) =>
            app.inject({
              method: 'GET',
              url: `/api/v1/cases/${reference}/answers`,
              headers: { 'x-access-code': code },
              remoteAddress,
            }),
          (code, reference, remoteAddress) =>
            app.inject({
              method: 'GET',
              url: `/api/v1/cases/${reference}/answers/${anyId}/letter.pdf`,
              headers: { 'x-access-code': code },
              remoteAddress,
            }),
          (code, reference, remoteAddress) =>
            app.inject({
              method: 'GET',
              url: `/api/v1/cases/${reference}/attachments/${anyId}`,
              headers: { 'x-access-code': code },
              remoteAddress,
            }),
          (code, reference, remoteAddress) =>
            app.inject({
              method: 'POST',
              url: '/api/v1/verify',
              payload: { reference, accessCode: code },
              remoteAddress,
            }),
        ];
      for (const door of doors) {
        const address = newAddress();
        for (let attempt = 1; attempt <= 10; attempt++) {
          const answer = await door(wrongAccessCode(theCase.accessCode), theCase.reference, address);
          expect(codeOf(answer)).toBe('cases.not_found');
        }
        const throttled = await door(theCase.accessCode, theCase.reference, address);
        expect(throttled.statusCode).toBe(429);
        expect(codeOf(throttled)).toBe('common.rate_limited');
        expect((await door(someoneElse.accessCode, someoneElse.reference, address)).statusCode).not.toBe(429);
      }
    });

    it('200 wrong codes sent at once are not 200 look-ups: the attempts in flight count, the rest are refused 429 before any work', async () => {
      // Issue 8: 200 concurrent look-ups with a bogus code stalled the node. Counted only once
      // found wrong, every one of them passed the throttle and read the database.
      const theCase = await fileAsGuest();
      const attacker = newAddress();
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => track(theCase.reference, wrongAccessCode(theCase.accessCode), attacker)),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 404)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(190);
      for (const refused of answers.filter((answer) => answer.statusCode === 429)) {
        expect(codeOf(refused)).toBe('common.rate_limited');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      }
      // A spray over references at once is bounded by the address's ceiling in the same way.
      const sprayer = newAddress();
      const sprayed = await Promise.all(
        Array.from({ length: 300 }, (_, index) =>
          track(`PET-2026-${String(index).padStart(6, '0')}-X`, theCase.accessCode, sprayer),
        ),
      );
      expect(sprayed.filter((answer) => answer.statusCode === 404)).toHaveLength(100);
      expect(sprayed.filter((answer) => answer.statusCode === 429)).toHaveLength(200);
      // The right code, from another address, is not held back, and neither is a right code sent
      // many times at once from one address: each one that succeeds takes its count back.
      expect((await track(theCase.reference, theCase.accessCode, newAddress())).statusCode).toBe(200);
      const family = newAddress();
      for (let round = 0; round < 3; round++) {
        const together = await Promise.all(
          Array.from({ length: 5 }, () => track(theCase.reference, theCase.accessCode, family)),
        );
        expect(together.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
      }
    });
  });
});
