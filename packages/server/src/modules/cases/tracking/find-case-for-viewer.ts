import type { Actor } from '../../../auth/actor.ts';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import type { CaseRow } from '../cases.table.ts';
import { locateCase } from './case-access.ts';

/**
 * The case behind a reference, if this caller may see it as tracking allows (`locateCase`): for
 * the attachments module's downloads, which receive it through modules/index.ts.
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
  client?: string | undefined;
}): Promise<CaseRow> {
  const { theCase } = await locateCase({ db, config, actor, locator: { reference, accessCode, client } });
  return theCase;
}
