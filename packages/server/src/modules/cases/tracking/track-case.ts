import type { CaseSummary, CitizenCase, StaffCase } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../auth/actor.ts';
import { requireSignedIn } from '../../accounts/index.ts';
import { isCitizenView } from '../cases.policies.ts';
import { toCaseDto, toCaseSummary } from '../cases.presenter.ts';
import { createCasesRepository } from '../cases.repository.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { type CaseLocator, loadCaseView, locateCaseWithTimeline } from './case-access.ts';

/** A case as this viewer may see it (the citizen's public view, or the staff view). */
export async function presentCase({
  ctx,
  theCase,
  roles,
  known,
}: {
  ctx: AppContext;
  theCase: CaseRow;
  roles: ReadonlySet<CaseRole>;
  /** The case's timeline and attachments when the caller has just read them. */
  known?: Parameters<typeof loadCaseView>[0]['known'];
}): Promise<CitizenCase | StaffCase> {
  const includeInternal = !isCitizenView(roles);
  const data = await loadCaseView({ db: ctx.database.db, theCase, includeInternal, now: ctx.now(), known });
  return toCaseDto(theCase, roles, data, ctx.config);
}

/** Tracking: by the owner's session, the access code, or staff reaching the case's unit. */
export async function trackCase({ ctx, actor, locator }: { ctx: AppContext; actor: Actor; locator: CaseLocator }) {
  const { theCase, roles, known } = await locateCaseWithTimeline({ ctx, actor, locator });
  return presentCase({ ctx, theCase, roles, known });
}

/** A citizen's own cases, newest first. */
export async function listMyCases({
  ctx,
  actor,
  limit,
  cursor,
}: {
  ctx: AppContext;
  actor: Actor;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ cases: CaseSummary[]; nextCursor: string | null }> {
  requireSignedIn(actor);
  if (actor.kind !== 'citizen') return { cases: [], nextCursor: null };
  const rows = await createCasesRepository({ db: ctx.database.db }).listByCitizen(actor.userId, {
    limit: limit + 1,
    after: decodeCursor(cursor),
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    cases: page.map(toCaseSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

const encodeCursor = (row: CaseRow) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

/** A cursor that does not parse starts from the top rather than failing. */
function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { createdAt, id };
}
