import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Database } from '../../../db/client.ts';
import { requireStaff } from '../../accounts/index.ts';
import { recordCaseChange } from '../case-change.ts';
import { createActionNotAllowedError, createCaseNotFoundError, createInvalidTransitionError } from '../cases.errors.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { isIn, TERMINAL_STATES } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { createCaseLockedError } from './case-handling.errors.ts';
import { canBreakLock, canTakeLock, isLockedByOther, lockUntil, staffRolesOn } from './case-handling.policies.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

export interface CaseLockView {
  holderId: string | null;
  holderName: string | null;
  expiresAt: string | null;
}

/** The lock as the page shows it: nobody, or who holds it until when. */
async function lockView(db: Parameters<typeof staffRolesOn>[0], row: CaseRow, now: Date): Promise<CaseLockView> {
  if (!row.lockHolderId || !row.lockExpiresAt || row.lockExpiresAt <= now) {
    return { holderId: null, holderName: null, expiresAt: null };
  }
  const holderName = (await createCaseHandlingRepository({ db }).displayName(row.lockHolderId)) ?? null;
  return { holderId: row.lockHolderId, holderName, expiresAt: row.lockExpiresAt.toISOString() };
}

export interface LockArgs {
  ctx: AppContext;
  actor: Actor;
  caseId: string;
  requestId?: string | undefined;
}

async function visibleCase(args: LockArgs, db: Parameters<typeof staffRolesOn>[0]) {
  requireStaff(args.actor);
  const theCase = await createCasesRepository({ db }).findById(args.caseId);
  if (!theCase) throw createCaseNotFoundError();
  const roles = await staffRolesOn(db, args.actor, theCase);
  if (roles.size === 0) throw createCaseNotFoundError();
  return { theCase, roles, actor: args.actor };
}

/**
 * Takes the case for LOCK_MINUTES (or renews one's own lock). The conditional UPDATE decides:
 * of two handlers racing, exactly one gets it, the other is told who holds it.
 */
export async function takeCase(args: LockArgs): Promise<CaseLockView> {
  const db = args.ctx.database.db;
  const { theCase, roles, actor } = await visibleCase(args, db);
  if (!canTakeLock(roles)) throw createActionNotAllowedError();
  if (isIn(TERMINAL_STATES, theCase.state)) throw createInvalidTransitionError();
  const now = args.ctx.now();
  const handling = createCaseHandlingRepository({ db });
  const taken = await handling.takeLock(theCase.id, actor.userId, now, lockUntil(now));
  if (taken) return lockView(db, taken, now);
  const current = await createCasesRepository({ db }).findById(theCase.id);
  throw createCaseLockedError(current?.lockHolderId ? await handling.displayName(current.lockHolderId) : undefined);
}

/** Lets the case go (only one's own lock; releasing a lock one does not hold changes nothing). */
export async function releaseCase(args: LockArgs): Promise<CaseLockView> {
  const db = args.ctx.database.db;
  const { theCase, actor } = await visibleCase(args, db);
  await createCaseHandlingRepository({ db }).releaseLock(theCase.id, actor.userId);
  return lockView(db, (await createCasesRepository({ db }).findById(theCase.id)) ?? theCase, args.ctx.now());
}

/**
 * A supervisor (or the central office) breaks another handler's lock, e.g. when they are away:
 * audited, and an internal event on the timeline says whose lock was broken.
 */
export async function breakCaseLock(args: LockArgs & { reason?: string | undefined }): Promise<CaseLockView> {
  const now = args.ctx.now();
  return args.ctx.database.db.transaction(async (tx) => {
    const cases = createCasesRepository({ db: tx });
    const found = await visibleCase(args, tx);
    const theCase = (await cases.findByIdForUpdate(found.theCase.id)) ?? found.theCase;
    if (!canBreakLock(found.roles)) throw createActionNotAllowedError();
    if (!isLockedByOther(theCase, found.actor.userId, now))
      throw createInvalidTransitionError('the case is not locked by another handler');
    const { row } = await recordCaseChange(tx, {
      theCase,
      now,
      patch: { lockHolderId: null, lockExpiresAt: null },
      eventActor: { actorKind: 'staff', actorId: found.actor.userId },
      events: [
        {
          type: 'LOCK_BROKEN',
          data: { previousHolderId: theCase.lockHolderId, ...(args.reason ? { reason: args.reason } : {}) },
        },
      ],
      audit: {
        actor: found.actor,
        action: 'cases.lock_broken',
        requestId: args.requestId,
        data: { reference: theCase.reference, previousHolderId: theCase.lockHolderId },
      },
    });
    return lockView(tx, row ?? theCase, now);
  });
}

/**
 * Lets go every case lock a staff member holds, inside the caller's transaction: the staff module
 * calls it when a role is revoked or the member deactivated, so a lock never outlives the access
 * that took it (docs/access-control.md). Any role they keep lets them take a lock again.
 */
export async function releaseLocksHeldBy({ db, userId }: { db: Database; userId: string }): Promise<void> {
  await createCaseHandlingRepository({ db }).releaseLocksOf(userId);
}
