import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import { createReferenceCache } from '../../../db/reference-cache.ts';
import { AppError, isAppError } from '../../../http/app-error.ts';
import { type AttachmentRow, listCaseAttachments } from '../../attachments/index.ts';
import { constantTimeEquals, hashAccessCode, normaliseAccessCode, parseReference } from '../cases.codes.ts';
import { createCaseNotFoundError } from '../cases.errors.ts';
import { canSeeCase, caseRolesOf } from '../cases.policies.ts';
import type { CaseViewData } from '../cases.presenter.ts';
import { type CasesRepository, createCasesRepository, type UnitNames } from '../cases.repository.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseEventRow, CaseRow } from '../cases.table.ts';
import { createCaseViewRepository } from './case-view.repository.ts';
import { accessCodeThrottleOf } from './cases.throttle.ts';

export interface CaseLocator {
  /** As typed: normalised and check-character verified here. */
  reference: string;
  /** From the `x-access-code` header, for guests and anonymous reporters. */
  accessCode?: string | undefined;
  /** The caller's address (`request.ip`): wrong access codes are counted against it. */
  client?: string | undefined;
}

/**
 * Finds a case the actor may see and their roles on it. Unknown reference, wrong check
 * character, wrong access code, or no role at all: the same `cases.not_found`.
 * With `forUpdate` (inside a transaction) the row stays locked until commit.
 */
export async function locateCase({
  db,
  config,
  actor,
  locator,
  forUpdate = false,
}: {
  db: Database;
  config: Config;
  actor: Actor;
  locator: CaseLocator;
  forUpdate?: boolean;
}): Promise<{ theCase: CaseRow; roles: Set<CaseRole> }> {
  return throttlingAccessCodes(config, locator, async () => {
    const parsed = parseReference(locator.reference);
    if (!parsed) throw createCaseNotFoundError();
    const repository = createCasesRepository({ db });
    const theCase = forUpdate
      ? await repository.findByReferenceForUpdate(parsed.reference)
      : await repository.findByReference(parsed.reference);
    return rolesOnFoundCase({ db, config, actor, locator, theCase });
  });
}

/**
 * `locateCase` for showing the case: the case, its whole timeline and its attachments come in
 * one statement, for `loadCaseView`'s `known` (the timeline is cut to the viewer's there).
 */
export async function locateCaseWithTimeline({
  ctx,
  actor,
  locator,
}: {
  ctx: AppContext;
  actor: Actor;
  locator: CaseLocator;
}): Promise<{
  theCase: CaseRow;
  roles: Set<CaseRole>;
  known: { events: CaseEventRow[]; attachments: AttachmentRow[] };
}> {
  return throttlingAccessCodes(ctx.config, locator, async () => {
    const parsed = parseReference(locator.reference);
    if (!parsed) throw createCaseNotFoundError();
    const found = await createCaseViewRepository({ sql: ctx.database }).findByReference(parsed.reference);
    const { theCase, roles } = await rolesOnFoundCase({
      db: ctx.database.db,
      config: ctx.config,
      actor,
      locator,
      theCase: found?.theCase,
    });
    return { theCase, roles, known: { events: found?.events ?? [], attachments: found?.attachments ?? [] } };
  });
}

/**
 * Every route that takes an access code comes through here (tracking, the citizen's actions,
 * answers and their files, attachments, the verifier), so one throttle guards them all
 * (cases.throttle.ts; the limits in docs/access-control.md): a throttled caller is
 * refused before the code is compared, and a look-up with a code that ends in not-found, whether
 * the reference exists or not, counts against (address, reference) and the address. It counts
 * from the moment it starts (`beginAttempt`), so attempts in flight at once are bounded too.
 */
async function throttlingAccessCodes<T>(config: Config, locator: CaseLocator, work: () => Promise<T>): Promise<T> {
  if (locator.accessCode === undefined) return work();
  const throttle = accessCodeThrottleOf(config);
  const client = locator.client ?? 'unknown';
  const reference = parseReference(locator.reference)?.reference ?? locator.reference.trim().toUpperCase();
  const retryAfterSeconds = throttle.retryAfterSeconds(client, reference);
  if (retryAfterSeconds !== null) throw new AppError('common.rate_limited', { retryAfterSeconds });
  const attempt = throttle.beginAttempt(client, reference);
  try {
    const result = await work();
    attempt.succeeded();
    return result;
  } catch (error) {
    // Only a not-found is a wrong guess; any other failure (the database away, a bad state) is not.
    if (!(isAppError(error) && error.code === 'cases.not_found')) attempt.succeeded();
    throw error;
  }
}

/** The checks of `locateCase` once the row is read: every failure is the same not-found. */
async function rolesOnFoundCase({
  db,
  config,
  actor,
  locator,
  theCase,
}: {
  db: Database;
  config: Config;
  actor: Actor;
  locator: CaseLocator;
  theCase: CaseRow | undefined;
}): Promise<{ theCase: CaseRow; roles: Set<CaseRole> }> {
  if (!theCase) throw createCaseNotFoundError();
  const hasValidAccessCode = isAccessCodeValid(config, theCase, locator.accessCode);
  if (locator.accessCode !== undefined && !hasValidAccessCode) throw createCaseNotFoundError();
  const unitPath = actor.kind === 'staff' ? await createCasesRepository({ db }).unitPath(theCase.unitId) : [];
  const roles = caseRolesOf(actor, theCase, unitPath, { hasValidAccessCode });
  if (!canSeeCase(roles)) throw createCaseNotFoundError();
  return { theCase, roles };
}

function isAccessCodeValid(config: Config, theCase: CaseRow, accessCode: string | undefined): boolean {
  if (accessCode === undefined || !theCase.accessCodeHash) return false;
  const normalised = normaliseAccessCode(accessCode);
  if (!normalised) return false;
  return constantTimeEquals(hashAccessCode(config, theCase.reference, normalised), theCase.accessCodeHash);
}

/** Everything the presenter needs; staff-only parts are loaded only for staff views. */
export async function loadCaseView({
  db,
  theCase,
  includeInternal,
  now,
  known = {},
}: {
  db: Database;
  theCase: CaseRow;
  includeInternal: boolean;
  now: Date;
  /** Rows the caller has just written and holds (a new filing's): not read again. */
  known?: { events?: CaseEventRow[]; attachments?: AttachmentRow[] } | undefined;
}): Promise<CaseViewData> {
  const repository = createCasesRepository({ db });
  const knownEvents = known.events?.filter((event) => includeInternal || event.visibility === 'public');
  const [unit, events, drafts, contributorRows, attachments] = await Promise.all([
    unitNamesOf(db, repository, theCase.unitId),
    knownEvents ?? repository.listEvents(theCase.id, { includeInternal }),
    includeInternal ? repository.listDrafts(theCase.id) : Promise.resolve([]),
    includeInternal ? repository.listContributors(theCase.id) : Promise.resolve([]),
    known.attachments ?? listCaseAttachments({ db, caseId: theCase.id }),
  ]);
  if (!unit) throw new Error(`unit ${theCase.unitId} of case ${theCase.id} is missing`);
  const contributorUnits = await repository.unitNamesMany(contributorRows.map((row) => row.unitId));
  const contributors = contributorRows.flatMap((row) => {
    const names = contributorUnits.get(row.unitId);
    return names ? [{ ...row, unit: names }] : [];
  });
  return { now, unit, events, drafts, contributors, attachments };
}

/**
 * Unit names are on every case page and change perhaps once a year: each process keeps them for
 * UNIT_NAMES_TTL_MS (a rename shows on case pages within that time), one map of look-ups per
 * database (db/reference-cache.ts: loaded through the caller's handle, a transaction included).
 */
const UNIT_NAMES_TTL_MS = 30_000;
const unitNamesCache = createReferenceCache<Map<string, Promise<UnitNames | undefined>>>(UNIT_NAMES_TTL_MS);

async function unitNamesOf(db: Database, repository: CasesRepository, unitId: string): Promise<UnitNames | undefined> {
  const names = await unitNamesCache.get(db, async () => new Map());
  const known = names.get(unitId);
  if (known) return known;
  const value = repository.unitNames(unitId);
  // Neither a failed look-up nor a missing unit stays cached.
  if (names.size >= 10_000) names.clear();
  names.set(unitId, value);
  value.then(
    (found) => {
      if (!found) names.delete(unitId);
    },
    () => names.delete(unitId),
  );
  return value;
}
