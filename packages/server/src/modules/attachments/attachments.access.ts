import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
// The cases module has no index.ts yet; when it exports its tracking authorisation, use that.
import { hashAccessCode, normaliseAccessCode, parseReference } from '../cases/cases.codes.ts';
import { canSeeCase, caseRolesOf } from '../cases/cases.policies.ts';
import { createCasesRepository } from '../cases/cases.repository.ts';
import type { CaseRow } from '../cases/cases.table.ts';

/**
 * The case behind a reference, if this caller may see it as tracking allows: its owner's
 * session, the access code, or staff whose role reaches the case's unit (or the central office).
 * Every refusal, a missing case included, answers the same `cases.not_found`.
 */
export async function findCaseForViewer({
  db,
  config,
  actor,
  reference,
  accessCode,
}: {
  db: Database;
  config: Config;
  actor: Actor;
  reference: string;
  accessCode?: string | undefined;
}): Promise<CaseRow> {
  const notFound = () => new AppError('cases.not_found');
  const parsed = parseReference(reference);
  if (!parsed) throw notFound();
  const cases = createCasesRepository({ db });
  const theCase = await cases.findByReference(parsed.reference);
  if (!theCase) throw notFound();
  const hasValidAccessCode = isAccessCodeValid(config, theCase, accessCode);
  const roles = caseRolesOf(actor, theCase, await cases.unitPath(theCase.unitId), { hasValidAccessCode });
  if (!canSeeCase(roles)) throw notFound();
  return theCase;
}

function isAccessCodeValid(config: Config, theCase: CaseRow, accessCode: string | undefined): boolean {
  if (!accessCode || !theCase.accessCodeHash) return false;
  const code = normaliseAccessCode(accessCode);
  if (!code) return false;
  const expected = Buffer.from(theCase.accessCodeHash, 'hex');
  const actual = Buffer.from(hashAccessCode(config, theCase.reference, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
