import type { StaffCase } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { type Actor, auditActorOf } from '../../../auth/actor.ts';
import { requireStaff } from '../../accounts/index.ts';
import { createAuditRepository } from '../../audit/index.ts';
import { lockActionsFor, staffRolesOn } from '../case-handling.policies.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import { createCaseNotFoundError } from '../cases.errors.ts';
import { toStaffCaseDto } from '../cases.presenter.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { loadCaseView } from './case-access.ts';

/**
 * The case page of the back office: the request, contact, full timeline, drafts, contributors,
 * the lock, and the actions this user may take in this state. Staff outside the case's reach are
 * told it does not exist. Every view of a case's personal data is audited (docs/PRODUCT.md §11); a
 * notice's sealed identity is shown only once the reporter consented (the presenter checks).
 */
export async function viewStaffCase({
  ctx,
  actor,
  caseId,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  caseId: string;
  requestId?: string | undefined;
}): Promise<StaffCase> {
  requireStaff(actor);
  const db = ctx.database.db;
  const theCase = await createCasesRepository({ db }).findById(caseId);
  if (!theCase) throw createCaseNotFoundError();
  const roles = await staffRolesOn(db, actor, theCase);
  if (roles.size === 0) throw createCaseNotFoundError();
  const handling = createCaseHandlingRepository({ db });
  const now = ctx.now();
  const [view, citizen, holderName] = await Promise.all([
    loadCaseView({ db, theCase, includeInternal: true, now }),
    theCase.citizenId ? handling.citizenContact(theCase.citizenId) : Promise.resolve(undefined),
    theCase.lockHolderId ? handling.displayName(theCase.lockHolderId) : Promise.resolve(undefined),
  ]);
  const dto = toStaffCaseDto(theCase, roles, view, ctx.config);
  const lockIsLive = dto.lock !== null && theCase.lockExpiresAt !== null && theCase.lockExpiresAt > now;
  await createAuditRepository({ db }).record({
    ...auditActorOf(actor),
    action: 'cases.viewed',
    subjectType: 'case',
    subjectId: theCase.id,
    requestId: requestId ?? null,
    data: { reference: theCase.reference, identityRevealed: dto.revealedIdentity !== null },
  });
  return {
    ...dto,
    submitter: citizen
      ? { kind: 'citizen', name: citizen.fullName, email: citizen.email, phone: citizen.phone }
      : dto.submitter,
    lock: lockIsLive && dto.lock ? { ...dto.lock, ...(holderName ? { holderName } : {}) } : null,
    lockActions: lockActionsFor(theCase, roles, actor.userId, now),
  };
}
