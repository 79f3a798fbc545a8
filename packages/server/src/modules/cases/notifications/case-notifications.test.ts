import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdOf } from '../../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../../test/test-context.ts';
import { createUserWithPassword } from '../../accounts/index.ts';
import { createMailRepository } from '../../mail/index.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { fileCase } from '../filing/file-case.ts';
import { createCaseNotificationsRepository } from './case-notifications.repository.ts';
import { deliverCaseNotifications, sweepAfterMs, sweepCaseNotifications } from './case-notifications.ts';

/** A job's rows are handed over together, and one bad row does not hold back the others. */
describe('case notification delivery', () => {
  let test: TestContext;
  let caseId: string;
  let staffId: string;

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    const filed = await fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: {
        type: 'notice',
        title: 'Éclairage public en panne',
        description: 'La rue est sans éclairage depuis une semaine.',
        language: 'fr',
        publishConsent: false,
        anonymous: true,
        unitId: await unitIdOf(db, 'min-health'),
      },
    });
    caseId = filed.theCase.id;
    const staff = await createUserWithPassword({
      db,
      kind: 'staff',
      email: `officer.${randomUUID()}@example.tn`,
      password: 'olive-tree-jasmine-42',
      fullName: 'Karim Jlassi',
      language: 'ar',
    });
    staffId = staff.userId;
  });
  afterAll(async () => test.close());

  it('writes the e-mails and in-app notices of one job together, leaving a row that cannot be rendered pending', async () => {
    const db = test.ctx.database.db;
    const good = `citizen.${randomUUID()}@example.tn`;
    const bad = `citizen.${randomUUID()}@example.tn`;
    const base = {
      caseId,
      language: 'fr' as const,
      data: {
        reference: 'NOT-2026-000001-X',
        title: 'Éclairage',
        trackUrl: 'http://localhost/track/NOT-2026-000001-X',
      },
    };
    const ids = await createCasesRepository({ db }).insertNotifications([
      { ...base, channel: 'email', recipient: bad, template: 'no_such_template' },
      { ...base, channel: 'email', recipient: good, template: 'case_progress' },
      { ...base, channel: 'in_app', recipient: staffId, template: 'deadline_warning' },
    ]);

    await expect(deliverCaseNotifications(test.ctx, ids)).rejects.toThrow();

    const rows = await createCasesRepository({ db }).listNotifications(caseId);
    const statusOf = (id: string) => rows.find((row) => row.id === id)?.status;
    expect([statusOf(ids[0]!), statusOf(ids[1]!), statusOf(ids[2]!)]).toEqual(['pending', 'sent', 'sent']);
    const inApp = await createCaseNotificationsRepository({ db }).listStaffNotifications(staffId, {
      limit: 10,
      unreadOnly: false,
      reach: 'all',
    });
    expect(inApp).toMatchObject([{ caseId, template: 'deadline_warning' }]);
    const mails = await createMailRepository({ db }).listRecent(500);
    await expect
      .poll(async () => (await createMailRepository({ db }).listRecent(500)).filter((m) => m.to === good))
      .toHaveLength(1);
    expect(mails.some((mail) => mail.to === bad)).toBe(false);

    // The job's retries find only the bad row; what was handed over is not handed over again.
    // Each try is counted on the row; the sixth gives it up, so neither a job nor the sweep takes
    // it again.
    for (let attempt = 2; attempt <= 5; attempt++) {
      await expect(deliverCaseNotifications(test.ctx, ids)).rejects.toThrow();
    }
    await expect(deliverCaseNotifications(test.ctx, ids)).resolves.toBeUndefined();
    const givenUp = (await createCasesRepository({ db }).listNotifications(caseId)).find((row) => row.id === ids[0]);
    expect(givenUp).toMatchObject({ status: 'failed', attempts: 6 });
    expect(await createCaseNotificationsRepository({ db }).listPending()).not.toContain(ids[0]);
    expect(
      await createCaseNotificationsRepository({ db }).listStaffNotifications(staffId, {
        limit: 10,
        unreadOnly: false,
        reach: 'all',
      }),
    ).toHaveLength(1);
  });

  it('the sweep queues rows a stopped node left pending, once they are two minutes old', async () => {
    const db = test.ctx.database.db;
    const to = `citizen.${randomUUID()}@example.tn`;
    await createCasesRepository({ db }).insertNotifications([
      {
        caseId,
        channel: 'email',
        recipient: to,
        language: 'ar',
        template: 'case_progress',
        data: { reference: 'NOT-2026-000001-X', title: 'إنارة', trackUrl: 'http://localhost/track/NOT-2026-000001-X' },
      },
    ]);
    // Written but never queued, as when a node stops between its commit and its send.
    expect(await sweepCaseNotifications(test.ctx)).toBe(0);
    test.advanceClock(sweepAfterMs(test.ctx.config) + 1000);
    expect(await sweepCaseNotifications(test.ctx)).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => (await createMailRepository({ db }).listRecent(500)).filter((mail) => mail.to === to), {
        timeout: 20_000,
      })
      .toHaveLength(1);
  });
});
