import { GOVERNORATES } from '@epeople/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agenciesSnapshot,
  CALLERS,
  type Caller,
  callerActor,
  categoryIdOf,
  expectedFailure,
  SYSTEM,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  previewRoute,
  updateRoutingRule,
} from './routing.usecases.ts';

/**
 * The routing policy matrix. Every caller holds its role in the Ministry of Health (scope
 * subtree); "own" rules point into that ministry, "other" rules into the Ministry of Finance.
 * Updating retargets a rule from one unit to another on the same side.
 */
type Pair = [own: boolean, other: boolean];
const NONE: Pair = [false, false];
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];
const MATRIX: Record<Caller, { list: boolean; resolve: boolean; create: Pair; update: Pair; delete: Pair }> = {
  system_admin: { list: true, resolve: true, create: ALL, update: ALL, delete: ALL },
  central_office: { list: true, resolve: true, create: ALL, update: ALL, delete: ALL },
  agency_admin: { list: true, resolve: true, create: OWN, update: OWN, delete: OWN },
  supervisor: { list: false, resolve: true, create: NONE, update: NONE, delete: NONE },
  officer: { list: false, resolve: true, create: NONE, update: NONE, delete: NONE },
  moderator: { list: false, resolve: true, create: NONE, update: NONE, delete: NONE },
  auditor: { list: true, resolve: true, create: NONE, update: NONE, delete: NONE },
  citizen: { list: false, resolve: false, create: NONE, update: NONE, delete: NONE },
  anonymous: { list: false, resolve: false, create: NONE, update: NONE, delete: NONE },
};

const CHANGE_CELLS = CALLERS.flatMap((caller) =>
  (['create', 'update', 'delete'] as const).flatMap((action) =>
    (['own', 'other'] as const).map((place, index) => ({
      caller,
      action,
      place,
      allowed: MATRIX[caller][action][index]!,
    })),
  ),
);

describe('routing policy matrix', () => {
  let test: TestContext;
  let home: string;
  const targets = { own: ['', ''], other: ['', ''] };
  let category: string;
  let next = 0;
  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    home = await unitIdOf(db, 'min-health');
    targets.own = [await unitIdOf(db, 'min-health-dg-health'), await unitIdOf(db, 'min-health-drs-tn-61')];
    targets.other = [await unitIdOf(db, 'min-finance-dg-taxes'), await unitIdOf(db, 'min-finance-dg-customs')];
    // Cases of this category go to the Ministry of Health today, so what decides each cell is the
    // rule's unit (a rule taking other ministries' cases is refused: test/security/authorisation).
    category = await categoryIdOf(db, 'health-hospitals');
  });
  afterAll(async () => test.close());

  /** Criteria no seeded rule uses, different for every rule made here. */
  const freshCriteria = () => {
    const index = next++;
    return {
      requestType: (['petition', 'guidance', 'suggestion', 'notice'] as const)[index % 4]!,
      categoryId: category,
      governorate: GOVERNORATES[Math.floor(index / 4) % 24]!.code,
    };
  };

  async function prepare(actor: Actor, action: 'create' | 'update' | 'delete', place: 'own' | 'other') {
    const db = test.ctx.database.db;
    const [first, second] = targets[place] as [string, string];
    if (action === 'create')
      return () => createRoutingRule({ db, actor, input: { ...freshCriteria(), unitId: first } });
    const rule = await createRoutingRule({ db, actor: SYSTEM, input: { ...freshCriteria(), unitId: first } });
    if (action === 'update') return () => updateRoutingRule({ db, actor, id: rule.id, unitId: second });
    return () => deleteRoutingRule({ db, actor, id: rule.id });
  }

  it.each(CHANGE_CELLS)(
    '$caller: $action a rule ($place) → allowed: $allowed',
    async ({ caller, action, place, allowed }) => {
      const db = test.ctx.database.db;
      const run = await prepare(callerActor(caller, home), action, place);
      const before = await agenciesSnapshot(db);
      if (allowed) {
        await run();
        expect(await agenciesSnapshot(db)).not.toBe(before);
      } else {
        await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
        expect(await agenciesSnapshot(db)).toBe(before);
      }
    },
  );

  it.each(
    CALLERS.flatMap((caller) =>
      (['list', 'resolve'] as const).map((action) => ({ caller, action, allowed: MATRIX[caller][action] })),
    ),
  )('$caller: $action rules → allowed: $allowed', async ({ caller, action, allowed }) => {
    const db = test.ctx.database.db;
    const actor = callerActor(caller, home);
    const run = () =>
      action === 'list'
        ? listRoutingRules({ db, actor })
        : previewRoute({ db, actor, query: { requestType: 'petition' } });
    if (allowed) await expect(run()).resolves.toBeTruthy();
    else await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
  });

  it('an agency admin cannot retarget a rule of their ministry to another ministry', async () => {
    const db = test.ctx.database.db;
    const rule = await createRoutingRule({ db, actor: SYSTEM, input: { ...freshCriteria(), unitId: targets.own[0]! } });
    const actor = callerActor('agency_admin', home);
    await expect(updateRoutingRule({ db, actor, id: rule.id, unitId: targets.other[0]! })).rejects.toMatchObject({
      code: 'common.forbidden',
    });
  });
});
