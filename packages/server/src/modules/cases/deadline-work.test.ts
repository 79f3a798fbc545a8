import type { FileCaseRequest, RoleScope, StaffRole } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { queryRows } from '../../db/client.ts';
import { createUserWithPassword } from '../accounts/index.ts';
import { updateProfile } from '../accounts/usecases/manage-profile.ts';
import { warningInstant } from '../calendar/index.ts';
import { createStaffRepository } from '../staff/index.ts';
import { calendarOf, clockOf } from './cases.clock.ts';
import { createCasesRepository } from './cases.repository.ts';
import { driveCase, TO_ANSWERED } from './cases.test-helpers.ts';
import { assignCase, registerCase } from './usecases/assign-case.ts';
import { runDeadlineScan } from './usecases/deadline-work.ts';
import { fileCase } from './usecases/file-case.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The deadline work on a real database and a real job queue, with the test context's clock moved
 * past 75% of the time, past the deadline and past 30 days: events, in-app notifications for
 * staff, e-mails to the citizen (SMTP) and SMS (the development stand-in), each exactly once.
 */
describe('deadline work', () => {
  let test: TestContext;
  let smtp: SmtpSink;
  let health: string;
  let officer: Actor & { kind: 'staff' };
  let supervisor: Actor & { kind: 'staff' };
  let centralOffice: Actor & { kind: 'staff' };

  async function staff(role: StaffRole, unitId: string, scope: RoleScope) {
    const db = test.ctx.database.db;
    const { userId } = await createUserWithPassword({
      db,
      kind: 'staff',
      email: uniqueEmail('staff'),
      password: 'olive-tree-jasmine-42',
      fullName: 'Hela Ayari',
      language: 'fr',
    });
    const assignment = await createStaffRepository({ db }).insertRoleAssignment({ userId, role, unitId, scope });
    return { kind: 'staff', userId, language: 'fr', roles: [assignment!] } satisfies Actor;
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: smtp.url } });
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    officer = await staff('officer', health, 'unit');
    supervisor = await staff('supervisor', health, 'subtree');
    centralOffice = await staff('central_office', await unitIdOf(db, 'central-office'), 'all');
  });
  afterAll(async () => {
    await test.close();
    await smtp.close();
  });

  const guidance = (guest: FileCaseRequest['guest']): FileCaseRequest => ({
    type: 'guidance',
    title: 'Horaires du centre de santé',
    description: 'Quels sont les horaires d’ouverture du centre de santé de mon quartier ?',
    language: 'fr',
    publishConsent: false,
    anonymous: false,
    guest,
    unitId: health,
  });
  const load = async (id: string) => (await createCasesRepository({ db: test.ctx.database.db }).findById(id))!;
  const events = (caseId: string) =>
    queryRows<{ type: string; visibility: string }>(
      test.ctx.database.db,
      sql`SELECT type, visibility FROM case_events WHERE case_id = ${caseId} ORDER BY seq`,
    );
  const outbox = (caseId: string, template: string) =>
    queryRows<{ channel: string; recipient: string; status: string }>(
      test.ctx.database.db,
      sql`SELECT channel, recipient, status FROM case_notifications
          WHERE case_id = ${caseId} AND template = ${template} ORDER BY recipient`,
    );
  /** The bell rows the job delivered, by recipient; waits for the queue. */
  async function bell(caseId: string, template: string, expected: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await queryRows<{ user_id: string }>(
        test.ctx.database.db,
        sql`SELECT user_id FROM staff_notifications WHERE case_id = ${caseId} AND template = ${template}`,
      );
      if (rows.length >= expected || Date.now() > deadline) return rows.map((row) => row.user_id).sort();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const nothingDone = { warned: [], escalated: [], progressNotices: [], closed: [] };

  let unassigned: string;
  let assigned: string;
  let answered: string;
  let bySms: string;
  let smsCitizenCase: string;
  let guestEmail: string;
  let guestPhone: string;

  it('files the cases: unassigned, assigned to an officer, answered, an SMS guest, a citizen who chose SMS', async () => {
    const ctx = test.ctx;
    guestEmail = uniqueEmail('guest');
    unassigned = (
      await fileCase({ ctx, actor: { kind: 'anonymous' }, input: guidance({ name: 'Amina', email: guestEmail }) })
    ).theCase.id;
    assigned = (
      await fileCase({ ctx, actor: { kind: 'anonymous' }, input: guidance({ name: 'Amina', email: uniqueEmail('g') }) })
    ).theCase.id;
    await registerCase({ ctx, actor: supervisor, caseId: assigned });
    await assignCase({ ctx, actor: supervisor, caseId: assigned, assigneeId: officer.userId });
    const toAnswer = await fileCase({
      ctx,
      actor: { kind: 'anonymous' },
      input: guidance({ name: 'Amina', email: uniqueEmail('g') }),
    });
    answered = toAnswer.theCase.id;
    await driveCase(ctx, supervisor, toAnswer.theCase.reference, TO_ANSWERED);
    guestPhone = `+2162${String(Date.now()).slice(-7)}`;
    bySms = (
      await fileCase({ ctx, actor: { kind: 'anonymous' }, input: guidance({ name: 'Amina', phone: guestPhone }) })
    ).theCase.id;

    const { userId } = await createUserWithPassword({
      db: ctx.database.db,
      kind: 'citizen',
      email: uniqueEmail('citizen'),
      password: 'olive-tree-jasmine-42',
      fullName: 'Sonia Ferchichi',
      language: 'ar',
    });
    const citizen: Actor = { kind: 'citizen', userId, language: 'ar' };
    await updateProfile({
      ctx,
      actor: citizen,
      changes: { phone: '+21698765432', notifications: { sms: true, email: false } },
    });
    smsCitizenCase = (await fileCase({ ctx, actor: citizen, input: { ...guidance(undefined), language: 'ar' } }))
      .theCase.id;
    // The citizen's channel choice already holds for the acknowledgement.
    expect(await outbox(smsCitizenCase, 'case_acknowledgement')).toEqual([
      { channel: 'sms', recipient: '+21698765432', status: expect.any(String) },
    ]);
  });

  it('at 75% of the time the assignee, or the unit’s supervisors when unassigned, are warned in-app, once', async () => {
    const theCase = await load(unassigned);
    const warnAt = warningInstant({ calendar: await calendarOf(test.ctx), clock: clockOf(theCase)! })!;
    test.advanceClock(warnAt.getTime() - test.ctx.now().getTime() + MINUTE);

    const first = await runDeadlineScan(test.ctx);
    expect(first.warned).toEqual(expect.arrayContaining([unassigned, assigned, bySms, smsCitizenCase]));
    expect(first.escalated).toEqual([]);
    expect(await runDeadlineScan(test.ctx)).toEqual(nothingDone);

    expect((await load(unassigned)).warnedAt).not.toBeNull();
    expect(await events(unassigned)).toContainEqual({ type: 'DEADLINE_WARNED', visibility: 'internal' });
    expect((await events(unassigned)).filter((event) => event.type === 'DEADLINE_WARNED')).toHaveLength(1);
    expect(await bell(unassigned, 'deadline_warning', 1)).toEqual([supervisor.userId]);
    expect(await bell(assigned, 'deadline_warning', 1)).toEqual([officer.userId]);
  });

  it('past the deadline the unit’s supervisors and the central office are told in-app, once', async () => {
    const theCase = await load(unassigned);
    test.advanceClock(theCase.dueAt!.getTime() - test.ctx.now().getTime() + MINUTE);

    const first = await runDeadlineScan(test.ctx);
    expect(first.escalated).toEqual(expect.arrayContaining([unassigned, assigned]));
    expect(first.warned).toEqual([]);
    expect(await runDeadlineScan(test.ctx)).toEqual(nothingDone);

    expect((await events(assigned)).filter((event) => event.type === 'DEADLINE_ESCALATED')).toEqual([
      { type: 'DEADLINE_ESCALATED', visibility: 'internal' },
    ]);
    expect(await bell(assigned, 'deadline_escalated', 2)).toEqual([supervisor.userId, centralOffice.userId].sort());
  });

  it('after 30 days the citizen gets a progress notice on their channel, and quiet answered cases close, once', async () => {
    const filedAt = (await load(unassigned)).createdAt;
    test.advanceClock(filedAt.getTime() + 31 * DAY - test.ctx.now().getTime());

    const first = await runDeadlineScan(test.ctx);
    expect(first.progressNotices).toEqual(expect.arrayContaining([unassigned, assigned, bySms, smsCitizenCase]));
    expect(first.progressNotices).not.toContain(answered);
    expect(first.closed).toEqual([answered]);
    expect(await runDeadlineScan(test.ctx)).toEqual(nothingDone);

    // E-mail to the guest, in the case's language, with the tracking link.
    const mail = await smtp.waitFor((m) => m.to.includes(guestEmail) && m.subject.includes('en cours de traitement'));
    expect(mail.text).toContain((await load(unassigned)).reference);
    expect(await events(unassigned)).toContainEqual({ type: 'PROGRESS_NOTICE_SENT', visibility: 'public' });

    // SMS to the guest who gave a phone, and to the citizen who chose SMS (in Arabic); no access code.
    const sms = async (to: string) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const rows = await queryRows<{ body: string }>(
          test.ctx.database.db,
          sql`SELECT body FROM outbound_sms WHERE recipient = ${to} ORDER BY created_at`,
        );
        if (rows.length >= 2 || Date.now() > deadline) return rows.map((row) => row.body);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const guestTexts = await sms(guestPhone);
    expect(guestTexts).toHaveLength(2);
    expect(guestTexts[0]).toMatch(/Code d’accès/);
    expect(guestTexts[1]).toContain((await load(bySms)).reference);
    expect(guestTexts[1]).not.toMatch(/[Cc]ode/);
    const citizenTexts = await sms('+21698765432');
    expect(citizenTexts[1]).toContain('قيد المعالجة');
    // The worker stores the text, then marks the outbox row in its next step: wait for that mark.
    await expect
      .poll(() => outbox(smsCitizenCase, 'case_progress'), { timeout: 15_000, interval: 100 })
      .toEqual([{ channel: 'sms', recipient: '+21698765432', status: 'kept' }]);

    // The answered case closed through the state machine, with a public event.
    expect((await load(answered)).state).toBe('closed');
    expect(await events(answered)).toContainEqual({ type: 'CASE_CLOSED', visibility: 'public' });
    const audit = await queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${answered} AND action = 'cases.close'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('two nodes scanning at once do the work once', async () => {
    const { theCase } = await fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: guidance({ name: 'Amina', email: uniqueEmail('g') }),
    });
    test.advanceClock(theCase.dueAt!.getTime() - test.ctx.now().getTime() + MINUTE);
    const results = await Promise.all([runDeadlineScan(test.ctx), runDeadlineScan(test.ctx)]);
    expect(results.flatMap((result) => result.escalated).filter((id) => id === theCase.id)).toHaveLength(1);
    expect((await events(theCase.id)).filter((event) => event.type === 'DEADLINE_ESCALATED')).toHaveLength(1);
    expect(await outbox(theCase.id, 'deadline_escalated')).toHaveLength(2);
  });
});
