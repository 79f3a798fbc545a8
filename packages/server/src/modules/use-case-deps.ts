import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';

/** What an administration use case receives: the database (or transaction), who acts, when, and the request it serves. */
export interface UseCaseDeps {
  db: Database;
  actor: Actor;
  now?: Date;
  requestId?: string;
}
