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
 * One-time e-mail codes: 10 minutes (ASVS 2.7.2), 5 tries each; a staff invitation's code lasts
 * 72 hours. Tries are also limited per e-mail across codes (accounts.attempts.ts, door one_time_code).
 */
export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
export const STAFF_INVITATION_TTL_HOURS = 72;

/** A password-proven staff session waiting for its second factor lives this long. */
export const PENDING_SESSION_MINUTES = 10;
