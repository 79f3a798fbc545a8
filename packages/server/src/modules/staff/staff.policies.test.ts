import type { RoleScope, StaffRole } from '@epeople/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/accounts-helpers.ts';
import {
  agenciesSnapshot,
  CALLERS,
  type Caller,
  callerActor,
  expectedFailure,
  SYSTEM,
  staffActor,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { can } from './staff.policies.ts';
import { createStaff, grantRole, listStaff, revokeRole, updateStaff } from './staff.usecases.ts';

/**
 * The staff policy matrix. Every caller holds its role in the Ministry of Health (scope subtree);
 * "own" staff work inside that ministry, "other" staff in the Ministry of Finance. For the list,
 * "visible" means the member appears, "hidden" that the list answers without them.
 */
type Pair = [own: boolean, other: boolean];
type Listing = 'visible' | 'hidden' | 'refused';
const NONE: Pair = [false, false];
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];
const MATRIX: Record<Caller, { list: [Listing, Listing]; create: Pair; update: Pair; grant: Pair; revoke: Pair }> = {
  system_admin: { list: ['visible', 'visible'], create: ALL, update: ALL, grant: ALL, revoke: ALL },
  central_office: { list: ['visible', 'visible'], create: ALL, update: ALL, grant: ALL, revoke: ALL },
  agency_admin: { list: ['visible', 'hidden'], create: OWN, update: OWN, grant: OWN, revoke: OWN },
  supervisor: { list: ['refused', 'refused'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
  officer: { list: ['refused', 'refused'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
  moderator: { list: ['refused', 'refused'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
  auditor: { list: ['visible', 'visible'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
  citizen: { list: ['refused', 'refused'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
  anonymous: { list: ['refused', 'refused'], create: NONE, update: NONE, grant: NONE, revoke: NONE },
};

type Action = 'create' | 'update' | 'grant' | 'revoke';
const PLACES = ['own', 'other'] as const;
const CHANGE_CELLS = CALLERS.flatMap((caller) =>
  (['create', 'update', 'grant', 'revoke'] as const).flatMap((action) =>
    PLACES.map((place, index) => ({ caller, action, place, allowed: MATRIX[caller][action][index]! })),
  ),
);
const LIST_CELLS = CALLERS.flatMap((caller) =>
  PLACES.map((place, index) => ({ caller, place, expected: MATRIX[caller].list[index]! })),
);

describe('staff policy matrix', () => {
  let test: TestContext;
  let home: string;
  const units = { own: '', other: '' };
  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    home = await unitIdOf(db, 'min-health');
    units.own = await unitIdOf(db, 'min-health-dg-health');
    units.other = await unitIdOf(db, 'min-finance-dg-taxes');
  });
  afterAll(async () => test.close());

  /** A staff member made by the system, holding officer (and optionally supervisor) in the place. */
  const member = (place: 'own' | 'other', withSupervisor = false) =>
    createStaff({
      ctx: test.ctx,
      actor: SYSTEM,
      input: {
        email: uniqueEmail('staff'),
        fullName: 'Fatma Riahi',
        language: 'ar',
        roles: [
          { role: 'officer', unitId: units[place], scope: 'unit' },
          ...(withSupervisor ? [{ role: 'supervisor' as const, unitId: units[place], scope: 'unit' as const }] : []),
        ],
      },
    });

  async function prepare(actor: Actor, action: Action, place: 'own' | 'other') {
    const db = test.ctx.database.db;
    const unitId = units[place];
    switch (action) {
      case 'create':
        return () =>
          createStaff({
            ctx: test.ctx,
            actor,
            input: {
              email: uniqueEmail('new'),
              fullName: 'Ali Hamdi',
              language: 'fr',
              roles: [{ role: 'officer', unitId, scope: 'unit' }],
            },
          });
      case 'update': {
        const { id } = await member(place);
        return () => updateStaff({ db, actor, id, input: { fullName: 'Ali Ben Hamdi', language: 'en' } });
      }
      case 'grant': {
        const { id } = await member(place);
        return () => grantRole({ db, actor, id, input: { role: 'supervisor', unitId, scope: 'unit' } });
      }
      case 'revoke': {
        const { id, roles } = await member(place, true);
        const supervisor = roles.find((role) => role.role === 'supervisor')!;
        return () => revokeRole({ db, actor, id, assignmentId: supervisor.id });
      }
    }
  }

  it.each(CHANGE_CELLS)(
    '$caller: $action staff ($place) → allowed: $allowed',
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

  it.each(LIST_CELLS)('$caller: list staff ($place) → $expected', async ({ caller, place, expected }) => {
    const db = test.ctx.database.db;
    const { id } = await member(place);
    const run = () => listStaff({ db, actor: callerActor(caller, home) });
    if (expected === 'refused') {
      await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
      return;
    }
    const ids = (await run()).map((staff) => staff.id);
    if (expected === 'visible') expect(ids).toContain(id);
    else expect(ids).not.toContain(id);
  });
});

/**
 * The grant ceiling (docs/access-control.md): a granted role never reaches further than its
 * granter. Units are paths (nearest first): a directorate below a ministry.
 */
describe('grant ceiling matrix', () => {
  const MINISTRY = ['ministry'];
  const DIRECTORATE = ['directorate', 'ministry'];
  const granter = (role: StaffRole, scope: RoleScope) => staffActor([{ role, unitId: 'ministry', scope }]);
  const CELLS: Array<
    [granter: [StaffRole, RoleScope], grant: [StaffRole, RoleScope, readonly string[]], allowed: boolean]
  > = [
    [['agency_admin', 'subtree'], ['officer', 'unit', DIRECTORATE], true],
    [['agency_admin', 'subtree'], ['supervisor', 'subtree', DIRECTORATE], true],
    [['agency_admin', 'subtree'], ['agency_admin', 'subtree', MINISTRY], true],
    [['agency_admin', 'subtree'], ['auditor', 'unit', DIRECTORATE], false],
    [['agency_admin', 'subtree'], ['moderator', 'unit', DIRECTORATE], false],
    [['agency_admin', 'subtree'], ['central_office', 'unit', DIRECTORATE], false],
    [['agency_admin', 'subtree'], ['officer', 'all', MINISTRY], false],
    [['agency_admin', 'unit'], ['officer', 'unit', MINISTRY], true],
    [['agency_admin', 'unit'], ['supervisor', 'subtree', MINISTRY], false],
    [['agency_admin', 'unit'], ['officer', 'unit', DIRECTORATE], false],
    [['central_office', 'all'], ['auditor', 'all', MINISTRY], true],
    [['central_office', 'all'], ['system_admin', 'all', MINISTRY], false],
    [['system_admin', 'all'], ['system_admin', 'all', MINISTRY], true],
    [['supervisor', 'subtree'], ['officer', 'unit', DIRECTORATE], false],
  ];
  it.each(CELLS)('%j grants %j → %s', ([role, scope], [grantRole, grantScope, unitPath], allowed) => {
    expect(can(granter(role, scope), 'grant', { role: grantRole, scope: grantScope, unitPath })).toBe(allowed);
  });
});
