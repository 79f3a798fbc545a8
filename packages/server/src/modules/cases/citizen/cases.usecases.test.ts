import { randomUUID } from 'node:crypto';
import type { FileCaseRequest, RequestType } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdOf } from '../../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../../test/test-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { queryRows } from '../../../db/client.ts';
import { createUserWithPassword } from '../../accounts/index.ts';
import { createAttachmentsRepository } from '../../attachments/attachments.repository.ts';
import { createAuditRepository } from '../../audit/index.ts';
import { createMailRepository } from '../../mail/index.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { driveCase, TO_ANSWERED, TO_AWAITING_CITIZEN } from '../cases.test-helpers.ts';
import { closeAnsweredCase } from '../deadlines/close-answered-case.ts';
import { fileCase } from '../filing/file-case.ts';
import { ACCESS_CODE_REPLAY_MS } from '../filing/replay-filing.ts';
import { replyToInfoRequest } from './reply-to-info-request.ts';
import { requestFollowUp } from './request-follow-up.ts';
import { withdrawCase } from './withdraw-case.ts';

const GUEST: Actor = { kind: 'anonymous' };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Use cases of filing and the citizen's actions, on the real database (PGlite or PostgreSQL). */
describe('cases use cases', () => {
  let test: TestContext;
  let unitId: string;
  let supervisor: Actor;
  let citizen: Actor;

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    unitId = await unitIdOf(db, 'min-health');
    const staff = await createUserWithPassword({
      db,
      kind: 'staff',
      email: `supervisor.${randomUUID()}@example.tn`,
      password: 'olive-tree-jasmine-42',
      fullName: 'Hela Ayari',
      language: 'fr',
    });
    supervisor = {
      kind: 'staff',
      userId: staff.userId,
      language: 'fr',
      roles: [{ id: randomUUID(), role: 'supervisor', unitId, scope: 'unit' }],
    };
    const person = await createUserWithPassword({
      db,
      kind: 'citizen',
      email: `citizen.${randomUUID()}@example.tn`,
      password: 'olive-tree-jasmine-42',
      fullName: 'Amina Ben Salah',
      language: 'ar',
    });
    citizen = { kind: 'citizen', userId: person.userId, language: 'ar' };
  });
  afterAll(async () => test.close());

  const input = (type: RequestType, extra: Partial<FileCaseRequest> = {}): FileCaseRequest => ({
    type,
    title: 'Eau coupée depuis trois jours',
    description: 'Le quartier n’a plus d’eau courante depuis lundi matin.',
    language: 'fr',
    publishConsent: false,
    anonymous: false,
    guest: { name: 'Sami Trabelsi', email: `guest.${randomUUID()}@example.tn` },
    ...extra,
  });
  const repository = () => createCasesRepository({ db: test.ctx.database.db });
  const file = (actor: Actor, request: FileCaseRequest, idempotencyKey?: string) =>
    fileCase({ ctx: test.ctx, actor, input: request, idempotencyKey });

  it.each([
    ['petition', 'PET'],
    ['guidance', 'GUI'],
    ['suggestion', 'SUG'],
    ['notice', 'NOT'],
  ] as const)(
    'a %s is filed with its reference, deadline, events, audit record and acknowledgement in the outbox',
    async (type, code) => {
      const filed = await file(GUEST, input(type, { unitId }));
      const { theCase } = filed;
      expect(theCase.reference.startsWith(`${code}-`)).toBe(true);
      expect(theCase.state).toBe('submitted');
      expect(theCase.dueAt?.getTime()).toBeGreaterThan(theCase.createdAt.getTime());
      if (type === 'notice') expect(theCase.acknowledgeDueAt?.getTime()).toBeLessThan(theCase.dueAt?.getTime() ?? 0);
      else expect(theCase.acknowledgeDueAt).toBeNull();
      expect(theCase.accessCodeHash).not.toContain(filed.accessCode);

      const events = await repository().listEvents(theCase.id, { includeInternal: true });
      expect(events.map((event) => event.type)).toEqual(['CASE_SUBMITTED', 'CASE_ROUTED']);
      const audit = await createAuditRepository({ db: test.ctx.database.db }).listForSubject('case', theCase.id);
      expect(audit.map((row) => row.action)).toEqual(['cases.filed']);
      expect(JSON.stringify(audit)).not.toContain(filed.accessCode);
      const notifications = await repository().listNotifications(theCase.id);
      expect(notifications).toMatchObject([{ channel: 'email', template: 'case_acknowledgement', language: 'fr' }]);
      expect(JSON.stringify(notifications)).not.toContain(filed.accessCode);
    },
  );

  it('the acknowledgement is handed to the mail outbox once, with the access code, by the job', async () => {
    const request = input('petition', { unitId });
    const filed = await file(GUEST, request);
    const email = request.guest?.email as string;
    const deadline = Date.now() + 15_000;
    let sent: Array<{ to: string; text: string }> = [];
    while (Date.now() < deadline && sent.length === 0) {
      sent = (await createMailRepository({ db: test.ctx.database.db }).listRecent(500)).filter(
        (mail) => mail.to === email,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(filed.accessCode);
    const [notification] = await repository().listNotifications(filed.theCase.id);
    expect(notification?.status).toBe('sent');
  });

  it("links the filer's own uploads; another person's upload refuses the whole filing and saves nothing", async () => {
    const db = test.ctx.database.db;
    const upload = async (uploadedByKind: 'guest' | 'citizen', uploadedById: string | null) => {
      const [row] = await createAttachmentsRepository({ db }).insert([
        {
          storageKey: randomUUID(),
          fileName: 'plan.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1024,
          sha256: 'a'.repeat(64),
          uploadedByKind,
          uploadedById,
        },
      ]);
      return row!.id;
    };
    const caseIdOf = async (id: string) => (await createAttachmentsRepository({ db }).findById(id))?.caseId;
    const mine = await upload('guest', null);
    const filed = await file(GUEST, input('petition', { unitId, attachmentIds: [mine] }));
    expect(await caseIdOf(mine)).toBe(filed.theCase.id);
    const events = await repository().listEvents(filed.theCase.id, { includeInternal: true });
    expect(events[0]?.data).toMatchObject({ attachments: 1 });

    const theirs = await upload('citizen', (citizen as { userId: string }).userId);
    const title = `Refused ${randomUUID()}`;
    await expect(
      file(GUEST, input('petition', { unitId, title, attachmentIds: [mine, theirs] })),
    ).rejects.toMatchObject({
      code: 'cases.attachment_not_found',
    });
    expect(await caseIdOf(theirs)).toBeNull();
    expect(await caseIdOf(mine)).toBe(filed.theCase.id);
    const saved = await queryRows<{ count: number }>(
      db,
      sql`SELECT count(*)::int AS count FROM cases WHERE title = ${title}`,
    );
    expect(saved[0]?.count).toBe(0);
  });

  it('a case with no matching routing rule lands in the central office triage queue', async () => {
    const { theCase } = await file(GUEST, input('suggestion'));
    expect(theCase.isTriage).toBe(true);
    expect(theCase.unitId).toBe(await unitIdOf(test.ctx.database.db, 'central-office'));
  });

  it('an anonymous notice filed from a signed-in browser is not tied to the account', async () => {
    const { theCase, accessCode } = await file(citizen, input('notice', { guest: undefined, anonymous: true }));
    expect(theCase.citizenId).toBeNull();
    expect(theCase.isAnonymous).toBe(true);
    expect(accessCode).not.toBeNull();
  });

  it('an idempotent replay after a day answers the case without the access code, and erases its sealed copy', async () => {
    const key = randomUUID();
    const request = input('petition', { unitId });
    const first = await file(GUEST, request, key);
    test.advanceClock(ACCESS_CODE_REPLAY_MS + 60_000);
    const replay = await file(GUEST, request, key);
    expect(replay.created).toBe(false);
    expect(replay.theCase.id).toBe(first.theCase.id);
    expect(replay.accessCode).toBeNull();
    expect((await repository().findById(first.theCase.id))?.accessCodeSealed).toBeNull();
  });

  it('a citizen files under their account and the same key from another submitter makes another case', async () => {
    const key = randomUUID();
    const mine = await file(citizen, input('guidance', { unitId, guest: undefined }), key);
    const theirs = await file(GUEST, input('guidance', { unitId }), key);
    expect(mine.theCase.citizenId).toBe((citizen as { userId: string }).userId);
    expect(mine.accessCode).toBeNull();
    expect(theirs.theCase.id).not.toBe(mine.theCase.id);
  });

  it('the reply to an information request resumes the clock without shortening the time left', async () => {
    const filed = await file(GUEST, input('petition', { unitId }));
    const { reference } = filed.theCase;
    await driveCase(test.ctx, supervisor, reference, TO_AWAITING_CITIZEN);
    const paused = await repository().findByReference(reference);
    expect(paused?.pausedAt).not.toBeNull();
    test.advanceClock(3 * DAY_MS);
    const { theCase } = await replyToInfoRequest({
      ctx: test.ctx,
      actor: GUEST,
      locator: { reference, accessCode: filed.accessCode ?? '' },
      message: 'Rue de Marseille, n° 4.',
    });
    expect(theCase.state).toBe('in_progress');
    expect(theCase.pausedAt).toBeNull();
    expect(theCase.dueAt?.getTime()).toBeGreaterThan(paused?.dueAt?.getTime() ?? Number.POSITIVE_INFINITY);
  });

  it('withdrawing closes the case for good and records who did it', async () => {
    const { theCase } = await file(citizen, input('petition', { unitId, guest: undefined }));
    const withdrawn = await withdrawCase({ ctx: test.ctx, actor: citizen, locator: { reference: theCase.reference } });
    expect(withdrawn.theCase.state).toBe('withdrawn');
    expect(withdrawn.theCase.closedAt).not.toBeNull();
    const audit = await createAuditRepository({ db: test.ctx.database.db }).listForSubject('case', theCase.id);
    expect(audit.map((row) => [row.action, row.actorKind])).toContainEqual(['cases.withdraw', 'citizen']);
    await expect(
      withdrawCase({ ctx: test.ctx, actor: citizen, locator: { reference: theCase.reference } }),
    ).rejects.toMatchObject({ code: 'cases.invalid_transition' });
  });

  it('a follow-up more than 30 days after the answer is refused and changes nothing', async () => {
    const filed = await file(GUEST, input('petition', { unitId }));
    const { reference } = filed.theCase;
    await driveCase(test.ctx, supervisor, reference, TO_ANSWERED);
    const before = await repository().findByReference(reference);
    const eventsBefore = await repository().listEvents(filed.theCase.id, { includeInternal: true });
    test.advanceClock(31 * DAY_MS);
    await expect(
      requestFollowUp({
        ctx: test.ctx,
        actor: GUEST,
        locator: { reference, accessCode: filed.accessCode ?? '' },
        reason: 'Toujours pas d’eau.',
      }),
    ).rejects.toMatchObject({ code: 'cases.follow_up_expired' });
    expect(await repository().findByReference(reference)).toEqual(before);
    expect(await repository().listEvents(filed.theCase.id, { includeInternal: true })).toEqual(eventsBefore);
  });

  it('staff of another unit cannot see or act on the case: the same not-found as a stranger', async () => {
    const { theCase } = await file(GUEST, input('petition', { unitId }));
    const elsewhere: Actor = {
      ...supervisor,
      roles: [
        {
          id: randomUUID(),
          role: 'supervisor',
          unitId: await unitIdOf(test.ctx.database.db, 'min-education'),
          scope: 'unit',
        },
      ],
    } as Actor;
    await expect(driveCase(test.ctx, elsewhere, theCase.reference, ['register'])).rejects.toMatchObject({
      code: 'cases.not_found',
    });
    expect((await repository().findById(theCase.id))?.state).toBe('submitted');
  });

  it('the automatic closing goes through the state machine, and only closes answered cases', async () => {
    const answered = await file(GUEST, input('petition', { unitId }));
    await driveCase(test.ctx, supervisor, answered.theCase.reference, TO_ANSWERED);
    expect(await closeAnsweredCase({ ctx: test.ctx, caseId: answered.theCase.id })).toBe(true);
    const closed = await repository().findById(answered.theCase.id);
    expect(closed?.state).toBe('closed');
    const events = await repository().listEvents(answered.theCase.id, { includeInternal: false });
    expect(events.at(-1)).toMatchObject({ type: 'CASE_CLOSED', actorKind: 'system', data: { automatic: true } });

    const open = await file(GUEST, input('petition', { unitId }));
    expect(await closeAnsweredCase({ ctx: test.ctx, caseId: open.theCase.id })).toBe(false);
    expect((await repository().findById(open.theCase.id))?.state).toBe('submitted');
  });
});
