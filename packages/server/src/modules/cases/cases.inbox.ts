import type { CaseState, caseListSchema, inboxQuerySchema } from '@epeople/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { requireStaff, type StaffActor } from '../accounts/index.ts';
import { createUnitsRepository, reachableUnitIds } from '../units/index.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import { toCaseSummary } from './cases.presenter.ts';
import { TERMINAL_STATES } from './cases.state-machine.ts';

type InboxQuery = z.infer<typeof inboxQuerySchema>;
type CaseList = z.infer<typeof caseListSchema>;

/** "Due soon": within two days. */
const DUE_SOON_MS = 2 * 24 * 3_600_000;
/** Without a state filter the inbox shows open cases: not closed, rejected or withdrawn. */
const HIDDEN_BY_DEFAULT: readonly CaseState[] = TERMINAL_STATES;

/** Cursor: the last row's sort key and id, opaque to clients. */
const encodeCursor = (at: Date | null, id: string) =>
  Buffer.from(JSON.stringify([at?.toISOString() ?? null, id])).toString('base64url');
function decodeCursor(cursor: string | undefined): { at: Date | null; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    if (at !== null && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) return undefined;
    return { at: at === null ? null : new Date(at as string), id };
  } catch {
    return undefined;
  }
}

/**
 * The units whose cases a staff member may see (with caseIsWithinReach): all for the central
 * office, else those their officer and supervisor roles reach; none without such a role.
 */
export async function caseReachOf(db: Database, actor: StaffActor): Promise<'all' | Set<string>> {
  if (actor.roles.some((role) => role.role === 'central_office')) return 'all';
  const handlerAssignments = actor.roles.filter((role) => role.role === 'officer' || role.role === 'supervisor');
  if (handlerAssignments.length === 0) return new Set<string>();
  return reachableUnitIds(handlerAssignments, await createUnitsRepository({ db }).loadTree());
}

/**
 * The back-office inbox (least privilege, docs/PRODUCT.md §11): an officer or supervisor sees the cases
 * of the units their roles reach and cases their units contribute to (a case assigned to them
 * is among those only while a role of theirs reaches its unit: docs/access-control.md);
 * the central office sees all. The triage queue is the central office unit's submitted cases
 * (`unitId` = central office, `state` = submitted). Sorted by deadline (soonest first) by default.
 * Staff with no handling role see an empty inbox.
 */
export async function listInbox({
  ctx,
  actor,
  query,
}: {
  ctx: AppContext;
  actor: Actor;
  query: InboxQuery;
}): Promise<CaseList> {
  requireStaff(actor);
  const db = ctx.database.db;
  const reach = await caseReachOf(db, actor);
  const now = ctx.now();
  const rows = await createCaseHandlingRepository({ db }).listInbox({
    reach,
    unitId: query.unitId,
    type: query.type,
    state: query.state,
    defaultExcludedStates: HIDDEN_BY_DEFAULT,
    categoryId: query.categoryId,
    governorate: query.governorate,
    assignee: query.assignee === 'me' ? actor.userId : query.assignee,
    deadline: query.deadline,
    dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    now,
    dueSoonUntil: new Date(now.getTime() + DUE_SOON_MS),
    sort: query.sort,
    limit: query.limit + 1,
    after: decodeCursor(query.cursor),
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    cases: page.map(toCaseSummary),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(query.sort === 'due_at' ? last.dueAt : last.createdAt, last.id)
        : null,
  };
}
