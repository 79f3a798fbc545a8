import type { GovernorateCode, RequestType } from '@epeople/contracts';
import { type Actor, auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { createCategoriesRepository } from '../categories/index.ts';
import { assertAllowed, createUnitsRepository } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import {
  createRoutingCategoryNotFoundError,
  createRoutingUnitNotFoundError,
  createRuleBeyondReachError,
  createRuleExistsError,
  createRuleNotFoundError,
  createTriageUnitMissingError,
} from './routing.errors.ts';
import { unitsLosingCases } from './routing.impact.ts';
import { can } from './routing.policies.ts';
import { createRoutingRepository, type RouteQuery } from './routing.repository.ts';
import {
  bestRule,
  invalidateRoutingCache,
  loadRouteSnapshot,
  type RouteSnapshot,
  readRouteSnapshot,
} from './routing.snapshot.ts';

export interface RouteResolution {
  unitId: string;
  /** The rule that decided; null when none matched and the case goes to central triage. */
  ruleId: string | null;
  isTriage: boolean;
}

/**
 * Where a new case lands. The matching rule with the most non-null criteria wins; ties go to
 * the rule that names a category, then a governorate, then a type; a rule for a parent category
 * matches its sub-categories, and between those the deeper (nearer) category wins. Rules whose
 * unit is inactive are skipped. With no match: the central office, flagged for triage.
 * No authorisation: the cases module calls it when a case is filed. Decided in memory from the
 * process's snapshot of rules, units and categories (routing.snapshot.ts).
 */
export async function resolveRoute({ db, ...query }: { db: Database } & RouteQuery): Promise<RouteResolution> {
  let snapshot = await loadRouteSnapshot(db);
  // A category created on another node since the snapshot: look again rather than misroute.
  if (query.categoryId && !snapshot.parentOf.has(query.categoryId))
    snapshot = await loadRouteSnapshot(db, { fresh: true });
  const rule = bestRule(snapshot, query);
  if (rule) return { unitId: rule.unitId, ruleId: rule.id, isTriage: false };
  if (!snapshot.centralOfficeId) throw createTriageUnitMissingError();
  return { unitId: snapshot.centralOfficeId, ruleId: null, isTriage: true };
}

/** The staff preview of `resolveRoute`. */
export async function previewRoute({
  db,
  actor,
  query,
}: UseCaseDeps & { query: RouteQuery }): Promise<RouteResolution> {
  assertAllowed(actor, can(actor, 'resolve'));
  return resolveRoute({ db, ...query });
}

export async function listRoutingRules({ db, actor }: UseCaseDeps) {
  assertAllowed(actor, can(actor, 'list'));
  return createRoutingRepository({ db }).list();
}

export interface CreateRoutingRuleInput {
  requestType: RequestType | null;
  categoryId: string | null;
  governorate: GovernorateCode | null;
  unitId: string;
}

export async function createRoutingRule({
  db,
  actor,
  requestId,
  input,
}: UseCaseDeps & { input: CreateRoutingRuleInput }) {
  assertAllowed(actor, can(actor, 'manage'));
  return db
    .transaction(async (tx) => {
      const tree = await createUnitsRepository({ db: tx }).loadTree();
      if (!tree.has(input.unitId)) throw createRoutingUnitNotFoundError();
      assertAllowed(actor, can(actor, 'manage', { units: [tree.pathOf(input.unitId)] }));
      if (input.categoryId && !(await createCategoriesRepository({ db: tx }).findById(input.categoryId))) {
        throw createRoutingCategoryNotFoundError();
      }
      await assertTakesOnlyReachableCases(tx, actor, { id: null, ...input });
      const created = await createRoutingRepository({ db: tx }).insert(input);
      if (!created) throw createRuleExistsError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'routing.rule_created',
        subjectType: 'routing_rule',
        subjectId: created.id,
        requestId: requestId ?? null,
        data: { ...input },
      });
      return created;
    })
    .finally(invalidateRoutingCache);
}

export async function updateRoutingRule({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  unitId,
}: UseCaseDeps & { id: string; unitId: string }) {
  assertAllowed(actor, can(actor, 'manage'));
  return db
    .transaction(async (tx) => {
      const rules = createRoutingRepository({ db: tx });
      const rule = await rules.findById(id);
      if (!rule) throw createRuleNotFoundError();
      const tree = await createUnitsRepository({ db: tx }).loadTree();
      if (!tree.has(unitId)) throw createRoutingUnitNotFoundError();
      assertAllowed(actor, can(actor, 'manage', { units: [tree.pathOf(rule.unitId), tree.pathOf(unitId)] }));
      await assertTakesOnlyReachableCases(tx, actor, { ...rule, unitId });
      const updated = await rules.updateUnit(id, unitId, now);
      if (!updated) throw createRuleNotFoundError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'routing.rule_updated',
        subjectType: 'routing_rule',
        subjectId: id,
        requestId: requestId ?? null,
        data: { before: { unitId: rule.unitId }, after: { unitId } },
      });
      return updated;
    })
    .finally(invalidateRoutingCache);
}

/**
 * A rule may only send cases its author could already route (docs/access-control.md): every
 * unit that receives today a case the new or edited rule would take must be within the author's
 * `manage` reach, besides the rule's own unit. Read inside the change's transaction before it
 * writes: routing as it stands, then with the rule in place (its unit counted as active: a rule
 * made for a closed unit would take its cases once the unit reopens). Deleting a rule needs no
 * such check: its cases go back to wherever the other rules send them.
 */
async function assertTakesOnlyReachableCases(
  tx: Database,
  actor: Actor,
  rule: Omit<RouteSnapshot['rules'][number], 'id'> & { id: string | null },
): Promise<void> {
  if (actor.kind === 'system') return;
  const before = await readRouteSnapshot(tx);
  const next = { ...rule, id: rule.id ?? 'new rule' };
  const after = { ...before, rules: [...before.rules.filter((other) => other.id !== rule.id), next] };
  const losing = unitsLosingCases({ before, after, changed: [next] });
  if (losing.size === 0) return;
  const tree = await createUnitsRepository({ db: tx }).loadTree();
  if (!can(actor, 'manage', { units: [...losing].map((unitId) => tree.pathOf(unitId)) })) {
    throw createRuleBeyondReachError();
  }
}

export async function deleteRoutingRule({ db, actor, requestId, id }: UseCaseDeps & { id: string }): Promise<void> {
  assertAllowed(actor, can(actor, 'manage'));
  await db
    .transaction(async (tx) => {
      const rules = createRoutingRepository({ db: tx });
      const rule = await rules.findById(id);
      if (!rule) throw createRuleNotFoundError();
      const tree = await createUnitsRepository({ db: tx }).loadTree();
      assertAllowed(actor, can(actor, 'manage', { units: [tree.pathOf(rule.unitId)] }));
      await rules.delete(id);
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'routing.rule_deleted',
        subjectType: 'routing_rule',
        subjectId: id,
        requestId: requestId ?? null,
        data: {
          requestType: rule.requestType,
          categoryId: rule.categoryId,
          governorate: rule.governorate,
          unitId: rule.unitId,
        },
      });
    })
    .finally(invalidateRoutingCache);
}
