import type { Database } from '../../db/client.ts';
import { createReferenceCache, onReferenceChange } from '../../db/reference-cache.ts';
import { CENTRAL_OFFICE_CODE } from '../units/index.ts';
import { createRoutingRepository, type RouteQuery, type RouteSnapshotRows } from './routing.repository.ts';

/**
 * Routing rules, units and categories are read on every filing (a planned recursive query was a
 * quarter of PostgreSQL's work per filing), so each process keeps them in memory
 * (db/reference-cache.ts): invalidated after every change's commit, reloaded within
 * CACHE_TTL_MS on other nodes, or at once when a case names a category they have not seen.
 */
const CACHE_TTL_MS = 30_000;
/** The depth the category walk stops at: the category tree is never near this deep. */
const MAX_CATEGORY_DEPTH = 64;

export interface RouteSnapshot {
  rules: RouteSnapshotRows['rules'];
  parentOf: Map<string, string | null>;
  centralOfficeId: string | null;
}

const snapshots = createReferenceCache<RouteSnapshot>(CACHE_TTL_MS);
// The units and categories modules signal their changes; they do not import routing.
onReferenceChange(['units', 'categories', 'routing_rules'], () => snapshots.invalidate());

/** Call after committing a change to routing rules, units or categories. */
export function invalidateRoutingCache(): void {
  snapshots.invalidate();
}

export function loadRouteSnapshot(db: Database, options: { fresh?: boolean } = {}): Promise<RouteSnapshot> {
  return snapshots.get(db, () => readRouteSnapshot(db), options);
}

/** The rules, categories and triage unit as the database (or the transaction) holds them now, uncached. */
export async function readRouteSnapshot(db: Database): Promise<RouteSnapshot> {
  const rows = await createRoutingRepository({ db }).loadRouteSnapshot(CENTRAL_OFFICE_CODE);
  return {
    rules: rows.rules,
    parentOf: new Map(rows.categories.map((category) => [category.id, category.parentId])),
    centralOfficeId: rows.centralOfficeId,
  };
}

/**
 * The best rule for a case (precedence in routing/index.ts): most non-null criteria; then the
 * one naming a category, a governorate, a type; then the nearest category; then the oldest.
 */
export function bestRule(snapshot: RouteSnapshot, query: RouteQuery): RouteSnapshotRows['rules'][number] | undefined {
  const depthOf = categoryDepths(snapshot, query.categoryId ?? null);
  let best: { rule: RouteSnapshotRows['rules'][number]; key: number[] } | undefined;
  for (const rule of snapshot.rules) {
    if (rule.requestType !== null && rule.requestType !== query.requestType) continue;
    if (rule.governorate !== null && rule.governorate !== (query.governorate ?? null)) continue;
    const depth = rule.categoryId === null ? undefined : depthOf.get(rule.categoryId);
    if (rule.categoryId !== null && depth === undefined) continue;
    const named = [rule.categoryId !== null, rule.governorate !== null, rule.requestType !== null].map(Number);
    // Larger is better, compared left to right; rules come oldest first, so a tie keeps the first.
    const key = [named[0]! + named[1]! + named[2]!, ...named, -(depth ?? Number.MAX_SAFE_INTEGER)];
    if (!best || isGreater(key, best.key)) best = { rule, key };
  }
  return best?.rule;
}

/** The case's category and its ancestors, each with its distance from the case's category. */
function categoryDepths(snapshot: RouteSnapshot, categoryId: string | null): Map<string, number> {
  const depths = new Map<string, number>();
  for (let id = categoryId, depth = 0; id && depth <= MAX_CATEGORY_DEPTH && !depths.has(id); depth++) {
    if (!snapshot.parentOf.has(id)) break;
    depths.set(id, depth);
    id = snapshot.parentOf.get(id) ?? null;
  }
  return depths;
}

function isGreater(a: number[], b: number[]): boolean {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return (a[index] ?? 0) > (b[index] ?? 0);
  }
  return false;
}
