import type { Actor } from '../../auth/actor.ts';
import { forbiddenError, unauthenticatedError } from './accounts.errors.ts';

export type SignedInActor = Extract<Actor, { kind: 'citizen' | 'staff' }>;
export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type CitizenActor = Extract<Actor, { kind: 'citizen' }>;

/** Narrows to a signed-in person (a staff member counts only once their second factor passed). */
export function requireSignedIn(actor: Actor): asserts actor is SignedInActor {
  if (actor.kind !== 'citizen' && actor.kind !== 'staff') throw unauthenticatedError();
}

/** Narrows to a staff member: 401 when signed out, 403 for a signed-in citizen. */
export function requireStaff(actor: Actor): asserts actor is StaffActor {
  requireSignedIn(actor);
  if (actor.kind !== 'staff') throw forbiddenError();
}

/**
 * Sign-in failures: from the 5th on, each further attempt waits a doubling delay (2 s, 4 s, ...
 * 32 s); the 10th locks the account for 15 minutes. A success (for staff: the second factor)
 * resets the count.
 */
export const SIGN_IN_THROTTLE_AFTER = 5;
export const SIGN_IN_LOCK_AFTER = 10;
export const SIGN_IN_LOCK_MINUTES = 15;

export function lockAfterFailures(failures: number, now: Date): { lockedUntil: Date | null; isLocked: boolean } {
  if (failures >= SIGN_IN_LOCK_AFTER) {
    return { lockedUntil: new Date(now.getTime() + SIGN_IN_LOCK_MINUTES * 60_000), isLocked: true };
  }
  if (failures >= SIGN_IN_THROTTLE_AFTER) {
    return {
      lockedUntil: new Date(now.getTime() + 2 ** (failures - SIGN_IN_THROTTLE_AFTER + 1) * 1000),
      isLocked: false,
    };
  }
  return { lockedUntil: null, isLocked: false };
}

/** One-time e-mail codes: 15 minutes, 5 tries; a staff invitation's code lasts 72 hours. */
export const CODE_TTL_MINUTES = 15;
export const CODE_MAX_ATTEMPTS = 5;
export const STAFF_INVITATION_TTL_HOURS = 72;

/** A password-proven staff session waiting for its second factor lives this long. */
export const PENDING_SESSION_MINUTES = 10;
