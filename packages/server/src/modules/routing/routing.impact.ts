import { GOVERNORATES, REQUEST_TYPES } from '@epeople/contracts';
import type { RouteQuery } from './routing.repository.ts';
import { bestRule, type RouteSnapshot } from './routing.snapshot.ts';

type Rule = RouteSnapshot['rules'][number];

/**
 * The units that receive today the cases a change of rules would send elsewhere: what an
 * administrator must already reach to make the change (docs/access-control.md, routing). A rule
 * is judged by the cases it would take, not only by the unit it names, or an agency admin could
 * write "petition × transport × Tunis → my unit" and pull another ministry's cases to themselves.
 *
 * Every case the changed rules could match is tried (each request type, category and
 * governorate they leave open, with "none" for the last two): where routing sends it before and
 * after the change (the central office's triage when no rule matches). A sub-category's cases
 * count for a rule naming its parent. A few thousand in-memory decisions: fine for an
 * administrative change, never on a filing.
 */
export function unitsLosingCases({
  before,
  after,
  changed,
}: {
  before: RouteSnapshot;
  after: RouteSnapshot;
  /** The rules added or edited, as they read after the change. */
  changed: readonly Rule[];
}): Set<string> {
  const losing = new Set<string>();
  const destination = (snapshot: RouteSnapshot, query: RouteQuery) =>
    bestRule(snapshot, query)?.unitId ?? snapshot.centralOfficeId;
  for (const query of casesMatching(changed, after)) {
    const from = destination(before, query);
    if (from && from !== destination(after, query)) losing.add(from);
  }
  return losing;
}

/** Every (type, category, governorate) one of the rules matches, each once. */
function* casesMatching(rules: readonly Rule[], snapshot: RouteSnapshot): Generator<RouteQuery> {
  const seen = new Set<string>();
  const allCategories = [null, ...snapshot.parentOf.keys()];
  const allGovernorates = [null, ...GOVERNORATES.map((governorate) => governorate.code)];
  for (const rule of rules) {
    const types = rule.requestType ? [rule.requestType] : REQUEST_TYPES;
    const categories = rule.categoryId ? categoryAndBelow(snapshot, rule.categoryId) : allCategories;
    const governorates = rule.governorate ? [rule.governorate] : allGovernorates;
    for (const requestType of types) {
      for (const categoryId of categories) {
        for (const governorate of governorates) {
          const key = `${requestType}|${categoryId}|${governorate}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield { requestType, categoryId, governorate };
        }
      }
    }
  }
}

function categoryAndBelow(snapshot: RouteSnapshot, categoryId: string): string[] {
  const childrenOf = new Map<string, string[]>();
  for (const [id, parentId] of snapshot.parentOf) {
    if (parentId) childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), id]);
  }
  const found: string[] = [];
  const pending = [categoryId];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (found.includes(id)) continue;
    found.push(id);
    pending.push(...(childrenOf.get(id) ?? []));
  }
  return found;
}
