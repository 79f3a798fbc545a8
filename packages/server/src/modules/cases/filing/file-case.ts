import { randomUUID } from 'node:crypto';
import type { FileCaseRequest } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { type AttachmentRow, listUploadsNotForAnonymousNotice } from '../../attachments/index.ts';
import { startedCaseClock } from '../../calendar/index.ts';
import { createCategoriesRepository } from '../../categories/index.ts';
import { resolveRoute } from '../../routing/index.ts';
import { assertSmsCountryAllowed } from '../../sms/index.ts';
import { createUnitsRepository } from '../../units/index.ts';
import { fingerprintOf, formatReference, newAccessCode, seal } from '../cases.codes.ts';
import {
  createAttachmentNotAnonymousError,
  createCaseCategoryNotFoundError,
  createCaseUnitNotFoundError,
  createContactRequiredError,
  createInvalidIdempotencyKeyError,
} from '../cases.errors.ts';
import { createCasesRepository } from '../cases.repository.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseEventRow, CaseRow } from '../cases.table.ts';
import { takeUnverifiedAckAllowance } from '../notifications/case-notifications.limits.ts';
import { ACCESS_CODE_SEAL, citizenRecipients, dispatchCaseNotifications } from '../notifications/case-notifications.ts';
import { buildFiling, type Submitter } from './build-filing.ts';
import { createCaseFilingRepository, type FiledNotification } from './case-filing.repository.ts';
import { replayFiling } from './replay-filing.ts';
import { writeFiling } from './write-filing.ts';

/** Client-chosen keys: long enough to be unguessable when a client follows the usual UUID habit. */
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{16,128}$/;

export interface FiledCase {
  theCase: CaseRow;
  roles: Set<CaseRole>;
  /** Shown once to guests and anonymous reporters. */
  accessCode: string | null;
  /** False when an idempotent replay answered an earlier filing. */
  created: boolean;
  /** What a new filing wrote, so presenting it needs no second look-up (absent on a replay). */
  written?: { events: CaseEventRow[]; attachments?: AttachmentRow[] };
}

function submitterOf(ctx: AppContext, actor: Actor, input: FileCaseRequest): Submitter {
  // An anonymous notice is never tied to an account, even when filed from a signed-in browser.
  if (input.anonymous) return { kind: 'anonymous' };
  if (actor.kind === 'citizen') return { kind: 'citizen', userId: actor.userId };
  if (!input.guest) throw createContactRequiredError();
  // A guest's phone gets the acknowledgement by SMS: only numbers ePeople texts (docs/notifications.md).
  if (input.guest.phone) assertSmsCountryAllowed(ctx.config, input.guest.phone);
  return { kind: 'guest', name: input.guest.name, email: input.guest.email ?? null, phone: input.guest.phone ?? null };
}

/**
 * Files a petition, guidance request, suggestion or notice: checks and gathers what the filing
 * needs (route, deadline, reference), builds it (buildFiling, pure), adds the acknowledgement
 * rows, and writes it in one statement (writeFiling): the case, CASE_SUBMITTED and CASE_ROUTED,
 * the attachments linked, the audit record and the outbox rows; delivery is queued after commit. With an
 * Idempotency-Key the same submitter filing the same request again gets the first case back.
 */
export async function fileCase({
  ctx,
  actor,
  input,
  idempotencyKey,
  requestId,
  client,
}: {
  ctx: AppContext;
  actor: Actor;
  input: FileCaseRequest;
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  /** The caller's address (`request.ip`): acknowledgements to guest contacts are counted against it. */
  client?: string | undefined;
}): Promise<FiledCase> {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw createInvalidIdempotencyKeyError();
  }
  const submitter = submitterOf(ctx, actor, input);
  const submitterKey = submitter.kind === 'citizen' ? `citizen:${submitter.userId}` : 'guest';
  const fingerprint = fingerprintOf(ctx.config, input);
  const db = ctx.database.db;
  const now = ctx.now();

  if (idempotencyKey) {
    const earlier = await createCasesRepository({ db }).findByIdempotencyKey(submitterKey, idempotencyKey);
    if (earlier) return replayFiling({ ctx, theCase: earlier, fingerprint, now });
  }

  await assertReferencesExist(ctx, input);
  // An anonymous notice links only files uploaded for one (no session, metadata removed, renamed):
  // a file uploaded from an account would tie the notice to it (docs/threat-model-anonymous-notice.md).
  if (submitter.kind === 'anonymous' && input.attachmentIds?.length) {
    const refused = await listUploadsNotForAnonymousNotice({ db, attachmentIds: input.attachmentIds });
    if (refused.length > 0) throw createAttachmentNotAnonymousError();
  }
  const route = input.unitId
    ? { unitId: input.unitId, isTriage: false, chosenByCitizen: true }
    : {
        ...(await resolveRoute({
          db,
          requestType: input.type,
          categoryId: input.categoryId ?? null,
          governorate: input.governorate ?? null,
        })),
        chosenByCitizen: false,
      };
  const deadlines = await startedCaseClock({
    db: ctx.database.db,
    config: ctx.config,
    requestType: input.type,
    unitId: route.unitId,
    from: now,
  });

  const accessCode = submitter.kind === 'citizen' ? null : newAccessCode();
  const filing = createCaseFilingRepository({ sql: ctx.database });
  // A number taken and then not used (a replay, a refused attachment) leaves a gap, as any
  // sequence does on a rollback; references stay unique.
  const sequence = await filing.nextReferenceSequence(input.type);
  const reference = formatReference(input.type, yearIn(ctx.config.CALENDAR_TIME_ZONE, now), sequence);
  const { theCase, events, audit, attachments } = buildFiling({
    config: ctx.config,
    actor,
    submitter,
    input,
    route,
    deadlines,
    id: randomUUID(),
    reference,
    accessCode,
    idempotencyKey,
    submitterKey,
    fingerprint,
    requestId,
    now,
  });
  const recipients = await citizenRecipients({
    db,
    theCase,
    template: 'case_acknowledgement',
    data: {
      reference,
      // The title is the submitter's own text: only an account holder's verified address gets it
      // back. A guest's contact is whatever was typed, so ePeople must not write that text to it
      // in its own name (phishing from the official sender, docs/notifications.md).
      ...(submitter.kind === 'citizen' ? { title: input.title } : {}),
      trackUrl: new URL(`/track/${reference}`, ctx.config.PUBLIC_URL).toString(),
      ...(accessCode ? { sealedAccessCode: seal(ctx.config, ACCESS_CODE_SEAL, accessCode) } : {}),
    },
  });
  const notifications: FiledNotification[] = [];
  for (const { channel, recipient, language, template, data } of recipients) {
    // A guest's contact is unverified: its acknowledgements are limited (docs/notifications.md).
    // Over a limit the filing stands and the row is kept as `suppressed`, never sent.
    const suppressed = submitter.kind === 'guest' ? await takeUnverifiedAckAllowance(ctx, { recipient, client }) : null;
    notifications.push({
      id: randomUUID(),
      channel,
      recipient,
      language,
      template,
      data: data ?? {},
      ...(suppressed ? { status: 'suppressed' as const, lastError: suppressed } : {}),
    });
  }
  const written = await writeFiling(ctx, { theCase, events, notifications, audit, attachments });
  const outcome = written
    ? {
        replayed: false as const,
        theCase: written.theCase,
        events: written.events,
        notificationIds: notifications.filter((row) => row.status !== 'suppressed').map((row) => row.id),
      }
    : { replayed: true as const };

  if (outcome.replayed) {
    const winner = await createCasesRepository({ db }).findByIdempotencyKey(submitterKey, idempotencyKey as string);
    if (!winner) throw new Error('idempotent filing conflict without a winner');
    return replayFiling({ ctx, theCase: winner, fingerprint, now });
  }
  await dispatchCaseNotifications(ctx, outcome.notificationIds);
  const roles = new Set<CaseRole>([submitter.kind === 'citizen' ? 'owner' : 'holder']);
  // Without attachments the new case has none: its page needs no look-up for them.
  const hasAttachments = (input.attachmentIds?.length ?? 0) > 0;
  const presented = { events: outcome.events, ...(hasAttachments ? {} : { attachments: [] }) };
  return { theCase: outcome.theCase, roles, accessCode, created: true, written: presented };
}

async function assertReferencesExist(ctx: AppContext, input: FileCaseRequest): Promise<void> {
  const db = ctx.database.db;
  if (input.categoryId) {
    const category = await createCategoriesRepository({ db }).findById(input.categoryId);
    if (!category?.isActive) throw createCaseCategoryNotFoundError();
  }
  if (input.unitId) {
    const unit = await createUnitsRepository({ db }).findById(input.unitId);
    if (!unit?.isActive) throw createCaseUnitNotFoundError();
  }
}

/** The year of the reference, as people in Tunisia count it (not UTC's). */
function yearIn(timeZone: string, now: Date): number {
  // Building an Intl formatter costs more than the rest of the filing's own work: keep one per zone.
  let formatter = yearFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' });
    yearFormatters.set(timeZone, formatter);
  }
  return Number(formatter.format(now));
}
const yearFormatters = new Map<string, Intl.DateTimeFormat>();
