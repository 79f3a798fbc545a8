import type { Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type CaseRow, locateCase } from '../cases/index.ts';

/**
 * The case behind a reference, if this caller may see it as tracking allows (the cases module's
 * `locateCase`): its owner's session, the access code, or staff whose role reaches the case's
 * unit (or the central office). Every refusal, a missing case included, is `cases.not_found`.
 */
export async function findCaseForViewer({
  db,
  config,
  actor,
  reference,
  accessCode,
  client,
}: {
  db: Database;
  config: Config;
  actor: Actor;
  reference: string;
  accessCode?: string | undefined;
  /** The caller's address, which wrong access codes count against. */
  client?: string | undefined;
}): Promise<CaseRow> {
  const { theCase } = await locateCase({ db, config, actor, locator: { reference, accessCode, client } });
  return theCase;
}
