import type { CaseLocation, CaseSummary, CitizenCase, StaffCase } from '@epeople/contracts';
import type { Config } from '../../config.ts';
import { type AttachmentRow, toAttachmentDto } from '../attachments/index.ts';
import { unseal } from './cases.codes.ts';
import { isActionApplicable, isCitizenView } from './cases.policies.ts';
import type { UnitNames } from './cases.repository.ts';
import { allowedActions, type CaseRole } from './cases.state-machine.ts';
import type { CaseContributorRow, CaseDraftRow, CaseEventRow, CaseRow } from './cases.table.ts';

export const IDENTITY_SEAL = 'identity';

/** What presenting a case needs beyond its row, loaded by the use case. */
export interface CaseViewData {
  /** The moment of presenting (time-limited actions, e.g. the follow-up window). */
  now: Date;
  unit: UnitNames;
  events: CaseEventRow[];
  drafts: CaseDraftRow[];
  contributors: Array<CaseContributorRow & { unit: UnitNames }>;
  /** The case's files, oldest first (both views list them). */
  attachments: AttachmentRow[];
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function commonFields(theCase: CaseRow, roles: ReadonlySet<CaseRole>, data: CaseViewData, citizenView: boolean) {
  return {
    id: theCase.id,
    reference: theCase.reference,
    type: theCase.type,
    state: theCase.state,
    title: theCase.title,
    description: theCase.description,
    categoryId: theCase.categoryId,
    governorate: theCase.governorate as CitizenCase['governorate'],
    location: theCase.location ? locationOf(theCase.location) : null,
    language: theCase.language,
    publishConsent: theCase.publishConsent,
    isAnonymous: theCase.isAnonymous,
    unit: { id: data.unit.id, name: { ar: data.unit.ar, fr: data.unit.fr, en: data.unit.en } },
    createdAt: theCase.createdAt.toISOString(),
    dueAt: iso(theCase.dueAt),
    pausedAt: iso(theCase.pausedAt),
    extensionsCount: theCase.extensionsCount,
    // The citizen sees an outcome once it was sent (it stays visible after a follow-up reopens).
    outcome: theCase.answeredAt || !citizenView ? theCase.outcome : null,
    answerText: theCase.answeredAt || !citizenView ? theCase.answerText : null,
    answeredAt: iso(theCase.answeredAt),
    closedAt: iso(theCase.closedAt),
    rating: theCase.rating,
    ratingComment: theCase.ratingComment,
    followUpUsed: theCase.followUpUsed,
    allowedActions: allowedActions(theCase.state, roles).filter((action) =>
      isActionApplicable(theCase, action, data.now),
    ),
    timeline: data.events
      .filter((event) => !citizenView || event.visibility === 'public')
      .map((event) => ({
        id: event.id,
        type: event.type,
        visibility: event.visibility,
        actorKind: event.actorKind,
        ...(citizenView ? {} : { actorId: event.actorId }),
        data: event.data,
        at: event.createdAt.toISOString(),
      })),
    attachments: data.attachments.map(toAttachmentDto),
  };
}

/** Coordinates only as a pair, the label when there is one (older rows may lack either). */
function locationOf(place: NonNullable<CaseRow['location']>): CaseLocation {
  return {
    ...(place.lat !== undefined && place.lng !== undefined ? { lat: place.lat, lng: place.lng } : {}),
    ...(place.label ? { label: place.label } : {}),
  };
}

/** The citizen's view: public events only; never drafts, notes, staff names or contact data. */
export function toCitizenCaseDto(theCase: CaseRow, roles: ReadonlySet<CaseRole>, data: CaseViewData): CitizenCase {
  return commonFields(theCase, roles, data, true);
}

export function toStaffCaseDto(
  theCase: CaseRow,
  roles: ReadonlySet<CaseRole>,
  data: CaseViewData,
  config: Config,
): StaffCase {
  const revealed =
    theCase.sealedIdentity && theCase.identityConsentAt
      ? (JSON.parse(unseal(config, IDENTITY_SEAL, theCase.sealedIdentity)) as StaffCase['revealedIdentity'])
      : null;
  return {
    ...commonFields(theCase, roles, data, false),
    isTriage: theCase.isTriage,
    submitter: {
      kind: theCase.citizenId ? 'citizen' : theCase.isAnonymous ? 'anonymous' : 'guest',
      name: theCase.guestName,
      email: theCase.guestEmail,
      phone: theCase.guestPhone,
    },
    revealedIdentity: revealed,
    hasSealedIdentity: theCase.sealedIdentity !== null,
    assigneeId: theCase.assigneeId,
    lock:
      theCase.lockHolderId && theCase.lockExpiresAt
        ? { holderId: theCase.lockHolderId, expiresAt: theCase.lockExpiresAt.toISOString() }
        : null,
    acknowledgeDueAt: iso(theCase.acknowledgeDueAt),
    duplicateOfCaseId: theCase.duplicateOfCaseId,
    rejectionReason: theCase.rejectionReason,
    drafts: data.drafts.map((draft) => ({
      id: draft.id,
      outcome: draft.outcome,
      body: draft.body,
      status: draft.status,
      authorId: draft.authorId,
      reviewerId: draft.reviewerId,
      reviewComment: draft.reviewComment,
      createdAt: draft.createdAt.toISOString(),
      updatedAt: draft.updatedAt.toISOString(),
    })),
    contributors: data.contributors.map((contributor) => ({
      unit: {
        id: contributor.unit.id,
        name: { ar: contributor.unit.ar, fr: contributor.unit.fr, en: contributor.unit.en },
      },
      status: contributor.status,
      contribution: contributor.contribution,
    })),
  };
}

/** toCaseDto(theCase, viewer): the citizen's view or the staff view, by the viewer's roles. */
export function toCaseDto(
  theCase: CaseRow,
  roles: ReadonlySet<CaseRole>,
  data: CaseViewData,
  config: Config,
): CitizenCase | StaffCase {
  return isCitizenView(roles) ? toCitizenCaseDto(theCase, roles, data) : toStaffCaseDto(theCase, roles, data, config);
}

export function toCaseSummary(theCase: CaseRow): CaseSummary {
  return {
    id: theCase.id,
    reference: theCase.reference,
    type: theCase.type,
    state: theCase.state,
    title: theCase.title,
    categoryId: theCase.categoryId,
    governorate: theCase.governorate as CaseSummary['governorate'],
    unitId: theCase.unitId,
    assigneeId: theCase.assigneeId,
    createdAt: theCase.createdAt.toISOString(),
    dueAt: iso(theCase.dueAt),
  };
}
