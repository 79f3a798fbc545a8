import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agenciesSnapshot,
  CALLERS,
  type Caller,
  callerActor,
  expectedFailure,
  SYSTEM,
  uniqueCode,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { createAuditRepository } from '../audit/index.ts';
import { createUnit, listUnits, updateUnit } from './units.usecases.ts';

/**
 * The units policy matrix. Every caller holds its role in the Ministry of Health (scope subtree);
 * "own" targets lie inside that ministry, "other" targets in the Ministry of Finance. The table
 * is written out by hand (not derived from UNIT_POLICY) so a change of policy fails a test.
 */
type Pair = [own: boolean, other: boolean];
const MATRIX: Record<Caller, { listInactive: boolean; create: Pair; update: Pair; move: Pair }> = {
  system_admin: { listInactive: true, create: [true, true], update: [true, true], move: [true, true] },
  central_office: { listInactive: true, create: [false, false], update: [false, false], move: [false, false] },
  agency_admin: { listInactive: true, create: [true, false], update: [true, false], move: [true, false] },
  supervisor: { listInactive: false, create: [false, false], update: [false, false], move: [false, false] },
  officer: { listInactive: false, create: [false, false], update: [false, false], move: [false, false] },
  moderator: { listInactive: false, create: [false, false], update: [false, false], move: [false, false] },
  auditor: { listInactive: true, create: [false, false], update: [false, false], move: [false, false] },
  citizen: { listInactive: false, create: [false, false], update: [false, false], move: [false, false] },
  anonymous: { listInactive: false, create: [false, false], update: [false, false], move: [false, false] },
};

type Action = 'create' | 'update' | 'move';
const PLACES = ['own', 'other'] as const;
const CELLS = CALLERS.flatMap((caller) =>
  (['create', 'update', 'move'] as const).flatMap((action) =>
    PLACES.map((place, index) => ({ caller, action, place, allowed: MATRIX[caller][action][index]! })),
  ),
);

describe('units policy matrix', () => {
  let test: TestContext;
  const units: Record<'home' | 'own' | 'other' | 'ownSpare' | 'otherRoot', string> = {
    home: '',
    own: '',
    other: '',
    ownSpare: '',
    otherRoot: '',
  };
  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    units.home = await unitIdOf(db, 'min-health');
    units.own = await unitIdOf(db, 'min-health-dg-health');
    units.ownSpare = await unitIdOf(db, 'min-health-drs-tn-11');
    units.other = await unitIdOf(db, 'min-finance-dg-taxes');
    units.otherRoot = await unitIdOf(db, 'min-finance');
  });
  afterAll(async () => test.close());

  /** A fresh unit to move, under `parentId`, made by the system before the snapshot. */
  const freshUnit = async (parentId: string) =>
    (
      await createUnit({
        db: test.ctx.database.db,
        actor: SYSTEM,
        input: {
          parentId,
          kind: 'directorate',
          code: uniqueCode('moved'),
          name: { ar: 'وحدة', fr: 'Unité', en: 'Unit' },
        },
      })
    ).id;

  /** Prepares the attempt (fixtures made by the system first) and answers a function making it. */
  async function prepare(actor: Actor, action: Action, place: 'own' | 'other') {
    const db = test.ctx.database.db;
    const target = place === 'own' ? units.own : units.other;
    switch (action) {
      case 'create':
        return () =>
          createUnit({
            db,
            actor,
            input: {
              parentId: target,
              kind: 'directorate',
              code: uniqueCode('unit'),
              name: { ar: 'أ', fr: 'A', en: 'A' },
            },
          });
      case 'update':
        return () =>
          updateUnit({ db, actor, id: target, input: { name: { ar: 'اسم', fr: uniqueCode('nom'), en: 'N' } } });
      case 'move': {
        const unit = await freshUnit(place === 'own' ? units.ownSpare : units.otherRoot);
        return () => updateUnit({ db, actor, id: unit, input: { parentId: target } });
      }
    }
  }

  it.each(CELLS)('$caller: $action a unit ($place) → allowed: $allowed', async ({ caller, action, place, allowed }) => {
    const db = test.ctx.database.db;
    const run = await prepare(callerActor(caller, units.home), action, place);
    const before = await agenciesSnapshot(db);
    if (allowed) {
      const unit = await run();
      const audit = await createAuditRepository({ db }).listForSubject('unit', unit.id);
      expect(audit[0]?.action).toBe(action === 'create' ? 'units.created' : 'units.updated');
      if (action === 'move') expect(unit.parentId).toBe(place === 'own' ? units.own : units.other);
    } else {
      await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
      expect(await agenciesSnapshot(db)).toBe(before);
    }
  });

  it.each(CALLERS.map((caller) => ({ caller, allowed: MATRIX[caller].listInactive })))(
    '$caller: list inactive units → allowed: $allowed',
    async ({ caller, allowed }) => {
      const db = test.ctx.database.db;
      const actor = callerActor(caller, units.home);
      if (allowed) await expect(listUnits({ db, actor, includeInactive: true })).resolves.not.toHaveLength(0);
      else
        await expect(listUnits({ db, actor, includeInactive: true })).rejects.toMatchObject({
          code: expectedFailure(caller),
        });
      // Active units are public to every caller.
      await expect(listUnits({ db, actor, includeInactive: false })).resolves.not.toHaveLength(0);
    },
  );
});
