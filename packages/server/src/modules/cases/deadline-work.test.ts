import type { FileCaseRequest, RequestType, RoleScope, StaffRole } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, uniqueEmail } from '../../../test/accounts-helpers.ts';
import { unitIdOf } from '../../../test/agencies-helpers.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { type Database, queryRows } from '../../db/client.ts';
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
import { trackCase } from './usecases/track-case.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

async function staff(db: Database, role: StaffRole, unitId: string, scope: RoleScope) {
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

/** The in-app notifications a case's job delivered, by recipient; waits for the queue. */
async function bellOf(db: Database, caseId: string, template: string, expected: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await queryRows<{ user_id: string }>(
      db,
      sql`SELECT user_id FROM staff_notifications WHERE case_id = ${caseId} AND template = ${template}`,
    );
    if (rows.length >= expected || Date.now() > deadline) return rows.map((row) => row.user_id).sort();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const eventsOf = (db: Database, caseId: string) =>
  queryRows<{ type: string; visibility: string }>(
    db,
    sql`SELECT type, visibility FROM case_events WHERE case_id = ${caseId} ORDER BY seq`,
  );

const nothingDone = { warned: [], escalated: [], acknowledgementsEscalated: [], progressNotices: [], closed: [] };

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

  beforeAll(async () => {
    smtp = await startSmtpSink();
    test = await createTestContext({ env: { SMTP_URL: smtp.url } });
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    officer = await staff(db, 'officer', health, 'unit');
    supervisor = await staff(db, 'supervisor', health, 'subtree');
    centralOffice = await staff(db, 'central_office', await unitIdOf(db, 'central-office'), 'all');
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
  const events = (caseId: string) => eventsOf(test.ctx.database.db, caseId);
  const outbox = (caseId: string, template: string) =>
    queryRows<{ channel: string; recipient: string; status: string }>(
      test.ctx.database.db,
      sql`SELECT channel, recipient, status FROM case_notifications
          WHERE case_id = ${caseId} AND template = ${template} ORDER BY recipient`,
    );
  const bell = (caseId: string, template: string, expected: number) =>
    bellOf(test.ctx.database.db, caseId, template, expected);

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
    const warnAt = warningInstant({
      calendar: await calendarOf(test.ctx.database.db, test.ctx.config),
      clock: clockOf(theCase)!,
    })!;
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

/**
 * A notice is acknowledged (it leaves 'submitted') within three working days (docs/PRODUCT.md §4.2); one
 * left waiting past that is escalated once to the unit's supervisors and the central office.
 */
describe('the acknowledgement deadline of a notice', () => {
  let test: TestContext;
  let health: string;
  let supervisor: Actor & { kind: 'staff' };
  let centralOffice: Actor & { kind: 'staff' };

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    supervisor = await staff(db, 'supervisor', health, 'subtree');
    centralOffice = await staff(db, 'central_office', await unitIdOf(db, 'central-office'), 'all');
  });
  afterAll(async () => test.close());

  const file = (type: RequestType) =>
    fileCase({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      input: {
        type,
        title: 'Décharge sauvage au bord de l’oued',
        description: 'Des camions déversent des gravats chaque nuit au bord de l’oued, près de l’école.',
        language: 'fr',
        publishConsent: false,
        anonymous: type === 'notice',
        guest: type === 'notice' ? undefined : { name: 'Amina', email: uniqueEmail('g') },
        unitId: health,
      },
    });
  const load = async (id: string) => (await createCasesRepository({ db: test.ctx.database.db }).findById(id))!;
  const overdueEvents = async (caseId: string) =>
    (await eventsOf(test.ctx.database.db, caseId)).filter((event) => event.type === 'ACKNOWLEDGEMENT_OVERDUE');

  let late: Awaited<ReturnType<typeof file>>;
  let inTime: string;
  let petition: string;
  let guidance: string;

  it('a notice left in submitted past its acknowledgement deadline is escalated once, out of the reporter’s sight', async () => {
    late = await file('notice');
    inTime = (await file('notice')).theCase.id;
    petition = (await file('petition')).theCase.id;
    guidance = (await file('guidance')).theCase.id;
    expect((await load(petition)).acknowledgeDueAt).toBeNull();
    await registerCase({ ctx: test.ctx, actor: supervisor, caseId: inTime });
    test.advanceClock(late.theCase.acknowledgeDueAt!.getTime() - test.ctx.now().getTime() + MINUTE);

    expect(await runDeadlineScan(test.ctx)).toEqual({ ...nothingDone, acknowledgementsEscalated: [late.theCase.id] });
    expect(await runDeadlineScan(test.ctx)).toEqual(nothingDone);

    const id = late.theCase.id;
    expect((await load(id)).state).toBe('submitted');
    expect((await load(id)).acknowledgeEscalatedAt).not.toBeNull();
    expect(await overdueEvents(id)).toEqual([{ type: 'ACKNOWLEDGEMENT_OVERDUE', visibility: 'internal' }]);
    const audit = await queryRows<{ actor_kind: string }>(
      test.ctx.database.db,
      sql`SELECT actor_kind FROM audit_log WHERE subject_id = ${id} AND action = 'cases.acknowledgement_overdue'`,
    );
    expect(audit).toHaveLength(1);
    expect(await bellOf(test.ctx.database.db, id, 'acknowledgement_overdue', 2)).toEqual(
      [supervisor.userId, centralOffice.userId].sort(),
    );

    // The reporter's timeline (by the receipt code) does not show it; the staff's does.
    const locator = { reference: late.theCase.reference, accessCode: late.accessCode! };
    const reporterView = await trackCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, locator });
    expect(reporterView.timeline.map((event) => event.type)).not.toContain('ACKNOWLEDGEMENT_OVERDUE');
    const staffView = await trackCase({ ctx: test.ctx, actor: supervisor, locator: { reference: locator.reference } });
    expect(staffView.timeline.map((event) => event.type)).toContain('ACKNOWLEDGEMENT_OVERDUE');

    // The notice registered in time is not concerned.
    expect((await load(inTime)).acknowledgeEscalatedAt).toBeNull();
    expect(await overdueEvents(inTime)).toEqual([]);
  });

  it('other types are never concerned, however long they wait in submitted', async () => {
    test.advanceClock((await load(petition)).dueAt!.getTime() - test.ctx.now().getTime() + MINUTE);
    const scan = await runDeadlineScan(test.ctx);
    expect(scan.escalated).toEqual(expect.arrayContaining([petition, guidance]));
    expect(scan.acknowledgementsEscalated).toEqual([]);
    for (const id of [petition, guidance, inTime]) {
      expect((await load(id)).acknowledgeEscalatedAt).toBeNull();
      expect(await overdueEvents(id)).toEqual([]);
    }
  });

  it('two nodes scanning at once escalate a late notice once', async () => {
    const { theCase } = await file('notice');
    test.advanceClock(theCase.acknowledgeDueAt!.getTime() - test.ctx.now().getTime() + MINUTE);
    const results = await Promise.all([runDeadlineScan(test.ctx), runDeadlineScan(test.ctx)]);
    expect(results.flatMap((result) => result.acknowledgementsEscalated)).toEqual([theCase.id]);
    expect(await overdueEvents(theCase.id)).toHaveLength(1);
    const outbox = await queryRows<{ recipient: string }>(
      test.ctx.database.db,
      sql`SELECT recipient FROM case_notifications WHERE case_id = ${theCase.id} AND template = 'acknowledgement_overdue'`,
    );
    expect(outbox).toHaveLength(2);
  });
});
