import type { Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';

/**
 * The case behind a reference, if this caller may see it as tracking allows: its owner's session,
 * the access code, or staff whose role reaches the case's unit (or the central office). Every
 * refusal, a missing case included, throws `cases.not_found`. The cases module gives it
 * (`findCaseForViewer`), wired in modules/index.ts, so attachments import nothing of cases and the
 * two modules keep no import cycle (docs/ARCHITECTURE.md, "Module boundaries").
 */
export type FindCaseForViewer = (args: {
  db: Database;
  config: Config;
  actor: Actor;
  reference: string;
  accessCode?: string | undefined;
  /** The caller's address, which wrong access codes count against. */
  client?: string | undefined;
}) => Promise<{ id: string }>;
