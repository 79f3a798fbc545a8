import type { FileCaseRequest, RoleScope, StaffRole } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../../test/accounts-helpers.ts';
import { unitIdOf } from '../../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../../test/test-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { queryRows } from '../../../db/client.ts';
import { createUserWithPassword } from '../../accounts/index.ts';
import { answerCase } from '../../answers/index.ts';
import { createStaffRepository } from '../../staff/index.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { consentToRevealIdentity } from '../citizen/consent-identity.ts';
import { replyToInfoRequest } from '../citizen/reply-to-info-request.ts';
import { fileCase } from '../filing/file-case.ts';
import { addContributor } from './add-contributor.ts';
import { addNote } from './add-note.ts';
import { approveDraft } from './approve-draft.ts';
import { assignCase } from './assign-case.ts';
import { breakCaseLock, takeCase } from './case-lock.ts';
import { listInbox } from './cases.inbox.ts';
import { closeCase } from './close-case.ts';
import { contribute } from './contribute.ts';
import { extendCaseDeadline } from './extend-deadline.ts';
import { linkDuplicate } from './link-duplicate.ts';
import { registerCase } from './register-case.ts';
import { rejectCase } from './reject-case.ts';
import { requestInfo } from './request-info.ts';
import { returnDraft } from './return-draft.ts';
import { saveDraft } from './save-draft.ts';
import { startCase } from './start-case.ts';
import { submitDraft } from './submit-draft.ts';
import { transferCase } from './transfer-case.ts';
import { viewStaffCase } from './view-staff-case.ts';

/**
 * The back office's use cases on a real database: each action's change, event, audit record and
 * notifications, and the refusals that change nothing.
 */
describe('case handling use cases', () => {
  let test: TestContext;
  let health: string;
  let sfax: string;
  let interior: string;
  let officer: Actor & { kind: 'staff' };
  let otherOfficer: Actor & { kind: 'staff' };
  let supervisor: Actor & { kind: 'staff' };
  let secondSupervisor: Actor & { kind: 'staff' };
  let sfaxOfficer: Actor & { kind: 'staff' };
  let centralOffice: Actor & { kind: 'staff' };

  async function staff(fullName: string, role: StaffRole, unitId: string, scope: RoleScope = 'subtree') {
    const db = test.ctx.database.db;
    const { userId } = await createUserWithPassword({
      db,
      kind: 'staff',
      email: uniqueEmail('staff'),
      password: 'olive-tree-jasmine-42',
      fullName,
      language: 'fr',
    });
    const assignment = await createStaffRepository({ db }).insertRoleAssignment({ userId, role, unitId, scope });
    return { kind: 'staff', userId, language: 'fr', roles: [assignment!] } satisfies Actor;
  }

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    sfax = await unitIdOf(db, 'cro-tn-61');
    interior = (
      await queryRows<{ id: string }>(
        db,
        sql`SELECT id FROM units WHERE code NOT IN ('min-health', 'central-office')
        AND parent_id IS NULL AND is_active ORDER BY code LIMIT 1`,
      )
    )[0]!.id;
    officer = await staff('Youssef Mansouri', 'officer', health, 'unit');
    otherOfficer = await staff('Salma Dridi', 'officer', health, 'unit');
    supervisor = await staff('Nadia Gharbi', 'supervisor', health);
    secondSupervisor = await staff('Walid Hamdi', 'supervisor', health);
    sfaxOfficer = await staff('Mariem Chaabane', 'officer', sfax, 'unit');
    centralOffice = await staff('Leila Ben Ammar', 'central_office', await unitIdOf(db, 'central-office'), 'all');
  });
  afterAll(async () => test.close());

  const input = (extra: Partial<FileCaseRequest> = {}): FileCaseRequest => ({
    type: 'petition',
    title: 'Le centre de santé est fermé le samedi',
    description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
    language: 'fr',
    publishConsent: false,
    anonymous: false,
    guest: { name: 'Amina Ben Salah', email: uniqueEmail('guest') },
    unitId: health,
    ...extra,
  });
  const file = async (extra: Partial<FileCaseRequest> = {}) =>
    fileCase({ ctx: test.ctx, actor: { kind: 'anonymous' }, input: input(extra) });
  const args = (actor: Actor, caseId: string) => ({ ctx: test.ctx, actor, caseId });
  const load = async (id: string) => (await createCasesRepository({ db: test.ctx.database.db }).findById(id))!;

  /** The case row, its events, its notifications and the whole audit log: equal = nothing changed. */
  async function snapshot(caseId: string) {
    const rows = await queryRows<{ snapshot: string }>(
      test.ctx.database.db,
      sql`SELECT concat_ws('|',
            (SELECT md5(c::text) FROM cases c WHERE c.id = ${caseId}),
            (SELECT count(*)::text FROM case_events WHERE case_id = ${caseId}),
            (SELECT count(*)::text FROM case_notifications WHERE case_id = ${caseId}),
            (SELECT count(*)::text FROM case_drafts WHERE case_id = ${caseId}),
            (SELECT count(*)::text FROM audit_log)) AS snapshot`,
    );
    return rows[0]!.snapshot;
  }
  const events = (caseId: string) =>
    queryRows<{ type: string; visibility: string; data: Record<string, unknown> }>(
      test.ctx.database.db,
      sql`SELECT type, visibility, data FROM case_events WHERE case_id = ${caseId} ORDER BY created_at, id`,
    );
  const notifications = (caseId: string) =>
    queryRows<{ channel: string; recipient: string; template: string; language: string }>(
      test.ctx.database.db,
      sql`SELECT channel, recipient, template, language FROM case_notifications WHERE case_id = ${caseId}
          ORDER BY created_at, id`,
    );
  const auditActions = (caseId: string) =>
    queryRows<{ action: string }>(
      test.ctx.database.db,
      sql`SELECT action FROM audit_log WHERE subject_id = ${caseId} ORDER BY id`,
    ).then((rows) => rows.map((row) => row.action));

  /** Guests' access codes, for the citizen's side of the tests. */
  const caseCodes = new Map<string, string>();

  /** Registered, assigned to `officer` and started, lock released so anyone may act. */
  async function inProgressCase() {
    const { theCase, accessCode } = await file();
    if (accessCode) caseCodes.set(theCase.id, accessCode);
    await registerCase(args(supervisor, theCase.id));
    await assignCase({ ...args(supervisor, theCase.id), assigneeId: officer.userId });
    await startCase(args(officer, theCase.id));
    await test.ctx.database.db.execute(
      sql`UPDATE cases SET lock_holder_id = NULL, lock_expires_at = NULL WHERE id = ${theCase.id}`,
    );
    return theCase;
  }

  it('registering writes the state, a public event, the audit record, and takes the lock', async () => {
    const { theCase } = await file();
    const registered = await registerCase(args(officer, theCase.id));
    expect(registered.state).toBe('registered');
    expect(registered.lockHolderId).toBe(officer.userId);
    expect(await events(theCase.id)).toContainEqual(
      expect.objectContaining({ type: 'CASE_REGISTERED', visibility: 'public' }),
    );
    expect(await auditActions(theCase.id)).toContain('cases.register');
  });

  it('a transition not allowed to this user, or in this state, is refused and changes nothing', async () => {
    const { theCase } = await file();
    const before = await snapshot(theCase.id);
    await expect(assignCase({ ...args(officer, theCase.id), assigneeId: officer.userId })).rejects.toMatchObject({
      code: 'cases.action_not_allowed',
    });
    await expect(startCase(args(supervisor, theCase.id))).rejects.toMatchObject({ code: 'cases.invalid_transition' });
    await expect(closeCase(args(supervisor, theCase.id))).rejects.toMatchObject({ code: 'cases.invalid_transition' });
    expect(await snapshot(theCase.id)).toBe(before);
  });

  it('an officer of another agency cannot see or act on the case: it does not exist for them', async () => {
    const { theCase } = await file();
    const before = await snapshot(theCase.id);
    await expect(registerCase(args(sfaxOfficer, theCase.id))).rejects.toMatchObject({ code: 'cases.not_found' });
    await expect(viewStaffCase(args(sfaxOfficer, theCase.id))).rejects.toMatchObject({ code: 'cases.not_found' });
    await expect(takeCase(args(sfaxOfficer, theCase.id))).rejects.toMatchObject({ code: 'cases.not_found' });
    expect(await snapshot(theCase.id)).toBe(before);
  });

  it('assigning needs an active handler of the unit; the assignee is told in-app', async () => {
    const { theCase } = await file();
    await expect(assignCase({ ...args(supervisor, theCase.id), assigneeId: sfaxOfficer.userId })).rejects.toMatchObject(
      { code: 'cases.assignee_not_eligible' },
    );
    const assigned = await assignCase({ ...args(supervisor, theCase.id), assigneeId: officer.userId });
    expect(assigned).toMatchObject({ state: 'assigned', assigneeId: officer.userId, lockHolderId: null });
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ channel: 'in_app', recipient: officer.userId, template: 'case_assigned' }),
    );
    // Reassigning keeps the state.
    const reassigned = await assignCase({ ...args(supervisor, theCase.id), assigneeId: otherOfficer.userId });
    expect(reassigned).toMatchObject({ state: 'assigned', assigneeId: otherOfficer.userId });
    await expect(startCase(args(officer, theCase.id))).rejects.toMatchObject({ code: 'cases.action_not_allowed' });
    expect((await startCase(args(otherOfficer, theCase.id))).state).toBe('in_progress');
  });

  it('requesting information pauses the clock and mails the citizen; the reply resumes it, never shortening it', async () => {
    const theCase = await inProgressCase();
    const before = await load(theCase.id);
    const waiting = await requestInfo({ ...args(officer, theCase.id), question: 'Quelle est l’adresse du centre ?' });
    expect(waiting.state).toBe('awaiting_citizen');
    expect(waiting.pausedAt).not.toBeNull();
    expect(waiting.remainingMs).toBeGreaterThan(0);
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ channel: 'email', template: 'case_info_requested', language: 'fr' }),
    );
    expect(await events(theCase.id)).toContainEqual(
      expect.objectContaining({
        type: 'INFO_REQUESTED',
        visibility: 'public',
        data: { question: 'Quelle est l’adresse du centre ?' },
      }),
    );
    test.advanceClock(3 * 24 * 3_600_000);
    // The citizen's side (the other half of the state machine) resumes the clock.
    const owner = await load(theCase.id);
    const { theCase: replied } = await replyToInfoRequest({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      locator: { reference: owner.reference, accessCode: caseCodes.get(theCase.id) },
      message: 'Rue de Marseille, Tunis.',
    });
    expect(replied.state).toBe('in_progress');
    expect(replied.pausedAt).toBeNull();
    expect(replied.dueAt!.getTime()).toBeGreaterThanOrEqual(before.dueAt!.getTime());
  });

  it('notes are internal; a duplicate links to an earlier case, never to itself', async () => {
    const { theCase: earlier } = await file();
    const theCase = await inProgressCase();
    await addNote({ ...args(officer, theCase.id), body: 'Appelé le centre, pas de réponse.' });
    await expect(
      linkDuplicate({ ...args(officer, theCase.id), duplicateOfReference: theCase.reference }),
    ).rejects.toMatchObject({ code: 'cases.duplicate_target_invalid' });
    await expect(
      linkDuplicate({ ...args(officer, theCase.id), duplicateOfReference: 'PET-2026-999999-0' }),
    ).rejects.toMatchObject({ code: 'cases.duplicate_target_invalid' });
    const linked = await linkDuplicate({ ...args(officer, theCase.id), duplicateOfReference: earlier.reference });
    expect(linked.duplicateOfCaseId).toBe(earlier.id);
    const kinds = (await events(theCase.id)).filter((event) => ['NOTE_ADDED', 'DUPLICATE_LINKED'].includes(event.type));
    expect(kinds.map((event) => event.visibility)).toEqual(['internal', 'internal']);
  });

  it('a contributing unit reads the joint case and adds its part, and nothing else', async () => {
    const theCase = await inProgressCase();
    await expect(contribute({ ...args(sfaxOfficer, theCase.id), contribution: 'x' })).rejects.toMatchObject({
      code: 'cases.not_found',
    });
    await addContributor({ ...args(supervisor, theCase.id), unitId: sfax });
    await expect(addContributor({ ...args(supervisor, theCase.id), unitId: sfax })).rejects.toMatchObject({
      code: 'cases.contributor_exists',
    });
    const page = await viewStaffCase(args(sfaxOfficer, theCase.id));
    expect(page.allowedActions).toEqual(['contribute']);
    await expect(addNote({ ...args(sfaxOfficer, theCase.id), body: 'x' })).rejects.toMatchObject({
      code: 'cases.action_not_allowed',
    });
    await contribute({ ...args(sfaxOfficer, theCase.id), contribution: 'Le bureau de Sfax confirme les horaires.' });
    const after = await viewStaffCase(args(officer, theCase.id));
    expect(after.contributors).toEqual([
      expect.objectContaining({ status: 'contributed', contribution: 'Le bureau de Sfax confirme les horaires.' }),
    ]);
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ channel: 'in_app', recipient: officer.userId, template: 'contribution_added' }),
    );
  });

  it('one extension with a reason; a second only after the citizen consents; never a third', async () => {
    const theCase = await inProgressCase();
    const before = await load(theCase.id);
    await expect(extendCaseDeadline({ ...args(officer, theCase.id), reason: 'Enquête' })).rejects.toMatchObject({
      code: 'cases.action_not_allowed',
    });
    const once = await extendCaseDeadline({ ...args(supervisor, theCase.id), reason: 'Enquête sur place nécessaire.' });
    expect(once.extensionsCount).toBe(1);
    expect(once.dueAt!.getTime()).toBeGreaterThan(before.dueAt!.getTime());
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ template: 'case_deadline_extended' }),
    );
    const unchanged = await snapshot(theCase.id);
    await expect(extendCaseDeadline({ ...args(supervisor, theCase.id), reason: 'Encore' })).rejects.toMatchObject({
      code: 'cases.extension_needs_consent',
    });
    expect(await snapshot(theCase.id)).toBe(unchanged);
    const consent = () =>
      test.ctx.database.db.execute(sql`UPDATE cases SET extension_consented_at = now() WHERE id = ${theCase.id}`);
    await consent();
    const twice = await extendCaseDeadline({ ...args(supervisor, theCase.id), reason: 'Accord du citoyen.' });
    expect(twice).toMatchObject({ extensionsCount: 2, extensionConsentedAt: null });
    await consent();
    await expect(extendCaseDeadline({ ...args(supervisor, theCase.id), reason: 'Encore' })).rejects.toMatchObject({
      code: 'cases.extension_limit',
    });
  });

  it('drafts: the outcome fits the type, supervisors review, never their own draft (four eyes); answer and close', async () => {
    const theCase = await inProgressCase();
    await expect(
      saveDraft({ ...args(officer, theCase.id), outcome: 'adopted', body: 'Proposition adoptée.' }),
    ).rejects.toMatchObject({ code: 'cases.outcome_not_for_type' });
    await saveDraft({ ...args(officer, theCase.id), outcome: 'upheld', body: 'Premier jet.' });
    const submitted = await submitDraft({
      ...args(officer, theCase.id),
      outcome: 'upheld',
      body: 'Le centre ouvrira.',
    });
    expect(submitted.state).toBe('answer_drafted');
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ channel: 'in_app', recipient: supervisor.userId, template: 'draft_submitted' }),
    );
    await expect(approveDraft(args(officer, theCase.id))).rejects.toMatchObject({ code: 'cases.action_not_allowed' });
    const returned = await returnDraft({ ...args(supervisor, theCase.id), comment: 'Préciser la date.' });
    expect(returned.state).toBe('in_progress');
    // The supervisor drafts it this time: another supervisor must approve.
    await submitDraft({
      ...args(supervisor, theCase.id),
      outcome: 'upheld',
      body: 'Le centre ouvrira le samedi dès mars.',
    });
    const before = await snapshot(theCase.id);
    await expect(approveDraft(args(supervisor, theCase.id))).rejects.toMatchObject({ code: 'cases.own_draft_review' });
    expect(await snapshot(theCase.id)).toBe(before);
    expect((await approveDraft(args(secondSupervisor, theCase.id))).state).toBe('answer_approved');
    const answered = await answerCase(args(officer, theCase.id));
    expect(answered).toMatchObject({
      state: 'answered',
      outcome: 'upheld',
      answerText: 'Le centre ouvrira le samedi dès mars.',
    });
    expect(await notifications(theCase.id)).toContainEqual(
      expect.objectContaining({ template: 'case_answer_available' }),
    );
    const page = await viewStaffCase(args(supervisor, theCase.id));
    expect(page.drafts.map((draft) => draft.status)).toEqual(['returned', 'approved']);
    expect((await closeCase(args(supervisor, theCase.id))).state).toBe('closed');
  });

  it('a transfer moves the case to the receiving unit, restarts its clock and tells the citizen why', async () => {
    const theCase = await inProgressCase();
    await expect(
      transferCase({ ...args(supervisor, theCase.id), unitId: health, reason: 'Même unité' }),
    ).rejects.toMatchObject({ code: 'cases.transfer_target_invalid' });
    test.advanceClock(24 * 3_600_000);
    const transferred = await transferCase({
      ...args(supervisor, theCase.id),
      unitId: interior,
      reason: 'Compétence du ministère.',
    });
    expect(transferred).toMatchObject({ state: 'registered', unitId: interior, assigneeId: null });
    expect(transferred.clockStartedAt.getTime()).toBeGreaterThan(theCase.clockStartedAt.getTime());
    expect(await events(theCase.id)).toContainEqual(
      expect.objectContaining({
        type: 'CASE_TRANSFERRED',
        visibility: 'public',
        data: expect.objectContaining({ reason: 'Compétence du ministère.' }),
      }),
    );
    expect(await notifications(theCase.id)).toContainEqual(expect.objectContaining({ template: 'case_transferred' }));
    // The sending unit's staff no longer reach it.
    await expect(viewStaffCase(args(officer, theCase.id))).rejects.toMatchObject({ code: 'cases.not_found' });
  });

  it('rejecting as inadmissible records the reason and tells the citizen', async () => {
    const { theCase } = await file();
    const rejected = await rejectCase({
      ...args(centralOffice, theCase.id),
      reason: 'inadmissible',
      explanation: 'La demande ne vise aucun acte administratif.',
    });
    expect(rejected).toMatchObject({ state: 'rejected', rejectionReason: 'inadmissible' });
    expect(await notifications(theCase.id)).toContainEqual(expect.objectContaining({ template: 'case_rejected' }));
  });

  it('the lock refuses a second handler by name; a supervisor breaks it (audited); races have one winner', async () => {
    const theCase = await inProgressCase();
    await takeCase(args(officer, theCase.id));
    const before = await snapshot(theCase.id);
    await expect(addNote({ ...args(otherOfficer, theCase.id), body: 'x' })).rejects.toMatchObject({
      code: 'cases.locked',
      detail: expect.stringContaining('Youssef Mansouri'),
    });
    await expect(takeCase(args(otherOfficer, theCase.id))).rejects.toMatchObject({ code: 'cases.locked' });
    expect(await snapshot(theCase.id)).toBe(before);
    await expect(breakCaseLock(args(otherOfficer, theCase.id))).rejects.toMatchObject({
      code: 'cases.action_not_allowed',
    });
    const page = await viewStaffCase(args(supervisor, theCase.id));
    expect(page.lock).toMatchObject({ holderId: officer.userId, holderName: 'Youssef Mansouri' });
    expect(page.lockActions).toEqual(['break_lock']);
    await breakCaseLock({ ...args(supervisor, theCase.id), reason: 'Agent absent.' });
    expect(await auditActions(theCase.id)).toContain('cases.lock_broken');
    await addNote({ ...args(otherOfficer, theCase.id), body: 'Je reprends le dossier.' });
    // The lock expires after 15 minutes.
    test.advanceClock(16 * 60_000);
    await addNote({ ...args(officer, theCase.id), body: 'De retour.' });

    await test.ctx.database.db.execute(sql`UPDATE cases SET lock_holder_id = NULL WHERE id = ${theCase.id}`);
    const results = await Promise.allSettled([
      takeCase(args(officer, theCase.id)),
      takeCase(args(otherOfficer, theCase.id)),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('the inbox shows cases within reach only, filters them and sorts by deadline', async () => {
    const { theCase: mine } = await file({ type: 'guidance' });
    const { theCase: sfaxCase } = await file({ unitId: sfax });
    const ids = async (actor: Actor, query: Record<string, unknown> = {}) => {
      const list = await listInbox({ ctx: test.ctx, actor, query: { sort: 'due_at', limit: 100, ...query } });
      return list.cases.map((row) => row.id);
    };
    expect(await ids(officer)).toContain(mine.id);
    expect(await ids(officer)).not.toContain(sfaxCase.id);
    expect(await ids(sfaxOfficer)).toContain(sfaxCase.id);
    expect(await ids(sfaxOfficer)).not.toContain(mine.id);
    expect(await ids(centralOffice)).toEqual(expect.arrayContaining([mine.id, sfaxCase.id]));
    expect(await ids(officer, { type: 'guidance' })).toContain(mine.id);
    expect(await ids(officer, { type: 'notice' })).not.toContain(mine.id);
    expect(await ids(officer, { assignee: 'none', state: 'submitted' })).toContain(mine.id);
    const all = await listInbox({ ctx: test.ctx, actor: centralOffice, query: { sort: 'due_at', limit: 100 } });
    const due = all.cases.map((row) => row.dueAt).filter((value): value is string => value !== null);
    expect(due).toEqual([...due].sort());
    // Paginated: two pages of one give the first two rows.
    const first = await listInbox({ ctx: test.ctx, actor: centralOffice, query: { sort: 'due_at', limit: 1 } });
    const second = await listInbox({
      ctx: test.ctx,
      actor: centralOffice,
      query: { sort: 'due_at', limit: 1, cursor: first.nextCursor! },
    });
    expect([...first.cases, ...second.cases].map((row) => row.id)).toEqual(all.cases.slice(0, 2).map((row) => row.id));
  });

  it('a notice’s sealed identity reaches the handler only after the reporter consents', async () => {
    const filed = await file({
      type: 'notice',
      title: 'Déversement de déchets dans l’oued',
      guest: undefined,
      anonymous: true,
      sealedIdentity: { name: 'Karim Jaziri', phone: '+21698123456' },
    });
    const sealed = await viewStaffCase(args(officer, filed.theCase.id));
    expect(sealed).toMatchObject({ hasSealedIdentity: true, revealedIdentity: null });
    expect(JSON.stringify(sealed)).not.toContain('Karim Jaziri');
    await consentToRevealIdentity({
      ctx: test.ctx,
      actor: { kind: 'anonymous' },
      locator: { reference: filed.theCase.reference, accessCode: filed.accessCode! },
    });
    const revealed = await viewStaffCase(args(officer, filed.theCase.id));
    expect(revealed.revealedIdentity).toMatchObject({ name: 'Karim Jaziri' });
  });

  it('viewing a case page is audited', async () => {
    const { theCase } = await file();
    await viewStaffCase(args(officer, theCase.id));
    expect(await auditActions(theCase.id)).toContain('cases.viewed');
  });
});
