import type { FileCaseRequest } from '@epeople/contracts';
import { type Actor, ANONYMOUS, auditActorOf } from '../../../auth/actor.ts';
import type { Config } from '../../../config.ts';
import { uploaderOf } from '../../attachments/index.ts';
import { hashAccessCode, normaliseAccessCode, seal } from '../cases.codes.ts';
import { CASE_EVENT_VISIBILITY, type CaseEventData } from '../cases.events.ts';
import { IDENTITY_SEAL } from '../cases.presenter.ts';
import { ACCESS_CODE_SEAL } from '../notifications/case-notifications.ts';
import type { FiledCaseRow, FiledEvent, Filing } from './case-filing.repository.ts';

export type Submitter =
  | { kind: 'citizen'; userId: string }
  | { kind: 'guest'; name: string; email: string | null; phone: string | null }
  | { kind: 'anonymous' };

export interface FilingFacts {
  config: Config;
  actor: Actor;
  submitter: Submitter;
  input: FileCaseRequest;
  route: { unitId: string; isTriage: boolean; chosenByCitizen: boolean };
  /** The case's clock and acknowledgement deadline (calendar's startedCaseClock). */
  deadlines: Pick<
    FiledCaseRow,
    'deadlineMeasure' | 'clockStartedAt' | 'dueAt' | 'allottedMs' | 'pausedAt' | 'remainingMs' | 'acknowledgeDueAt'
  >;
  id: string;
  reference: string;
  accessCode: string | null;
  idempotencyKey: string | undefined;
  submitterKey: string;
  fingerprint: string;
  requestId: string | undefined;
  now: Date;
}

/**
 * What a filing writes, from what fileCase gathered (route, deadlines, reference, access code),
 * without touching the database: the case row, CASE_SUBMITTED and CASE_ROUTED, the audit row and
 * the attachments to link. The acknowledgement rows are added by fileCase (their allowance is
 * counted in the database); writeFiling sends it all as one statement.
 */
export function buildFiling(facts: FilingFacts): Omit<Filing, 'notifications'> {
  const { config, actor, submitter, input, route, reference, accessCode, idempotencyKey, now } = facts;
  const theCase: FiledCaseRow = {
    id: facts.id,
    reference,
    type: input.type,
    state: 'submitted',
    title: input.title,
    description: input.description,
    categoryId: input.categoryId ?? null,
    governorate: input.governorate ?? null,
    location: input.location ?? null,
    language: input.language,
    publishConsent: input.publishConsent,
    citizenId: submitter.kind === 'citizen' ? submitter.userId : null,
    guestName: submitter.kind === 'guest' ? submitter.name : null,
    guestEmail: submitter.kind === 'guest' ? submitter.email : null,
    guestPhone: submitter.kind === 'guest' ? submitter.phone : null,
    isAnonymous: submitter.kind === 'anonymous',
    accessCodeHash: accessCode ? hashAccessCode(config, reference, normaliseAccessCode(accessCode) as string) : null,
    accessCodeSealed: accessCode && idempotencyKey ? seal(config, ACCESS_CODE_SEAL, accessCode) : null,
    sealedIdentity: input.sealedIdentity ? seal(config, IDENTITY_SEAL, JSON.stringify(input.sealedIdentity)) : null,
    unitId: route.unitId,
    isTriage: route.isTriage,
    ...facts.deadlines,
    submitterKey: facts.submitterKey,
    idempotencyKey: idempotencyKey ?? null,
    requestFingerprint: idempotencyKey ? facts.fingerprint : null,
    createdAt: now,
    updatedAt: now,
  };
  // Typed by cases.events.ts; not parsed at run time on this hot path (docs/ARCHITECTURE.md, "Hot paths").
  const submitted: CaseEventData<'CASE_SUBMITTED'> = {
    type: input.type,
    channel: submitter.kind,
    attachments: input.attachmentIds?.length ?? 0,
  };
  const routed: CaseEventData<'CASE_ROUTED'> = {
    unitId: route.unitId,
    isTriage: route.isTriage,
    chosenByCitizen: route.chosenByCitizen,
  };
  const events: FiledEvent[] = [
    {
      type: 'CASE_SUBMITTED',
      visibility: CASE_EVENT_VISIBILITY.CASE_SUBMITTED,
      actorKind: submitter.kind === 'citizen' ? 'citizen' : 'guest',
      actorId: submitter.kind === 'citizen' ? submitter.userId : null,
      createdAt: now,
      data: submitted,
    },
    {
      type: 'CASE_ROUTED',
      visibility: CASE_EVENT_VISIBILITY.CASE_ROUTED,
      actorKind: 'system',
      actorId: null,
      createdAt: now,
      data: routed,
    },
  ];
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  return {
    theCase,
    events,
    audit: {
      // An anonymous notice's audit row names no actor and no request: the request id would
      // join it to the request's log lines (docs/threat-model-anonymous-notice.md).
      ...auditActorOf(submitter.kind === 'anonymous' ? ANONYMOUS : actor),
      action: 'cases.filed',
      subjectType: 'case',
      subjectId: theCase.id,
      requestId: submitter.kind === 'anonymous' ? null : (facts.requestId ?? null),
      data: { reference, type: input.type, unitId: route.unitId, isTriage: route.isTriage, channel: submitter.kind },
    },
    attachments:
      submitter.kind === 'anonymous'
        ? { ids: attachmentIds, uploadedById: null, anonymous: true }
        : { ids: attachmentIds, uploadedById: uploaderOf(actor).uploadedById, anonymous: false },
  };
}
