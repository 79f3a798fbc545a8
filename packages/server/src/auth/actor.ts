import type { Language, RoleAssignment } from '@epeople/contracts';

/**
 * Who is acting, as every use case receives it. The session plugin derives it from the cookie;
 * jobs and the CLI act as `system`. Authorisation is decided in use cases from this value.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; userId: string; language: Language }
  | { kind: 'staff'; userId: string; language: Language; roles: RoleAssignment[] }
  | { kind: 'system'; name: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The audit log's view of an actor. */
export function auditActorOf(actor: Actor): {
  actorId: string | null;
  actorKind: 'citizen' | 'staff' | 'guest' | 'system';
} {
  switch (actor.kind) {
    case 'citizen':
    case 'staff':
      return { actorId: actor.userId, actorKind: actor.kind };
    case 'system':
      return { actorId: null, actorKind: 'system' };
    case 'anonymous':
      return { actorId: null, actorKind: 'guest' };
  }
}
