import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, staffActor, uniqueCode, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createUnit, listUnits, updateUnit } from './units.usecases.ts';

const names = { ar: 'مديرية', fr: 'Direction', en: 'Directorate' };

describe('units use cases', () => {
  let test: TestContext;
  let health: string;
  let healthDirectorate: string;
  let finance: string;
  beforeAll(async () => {
    test = await createTestContext();
    health = await unitIdOf(test.ctx.database.db, 'min-health');
    healthDirectorate = await unitIdOf(test.ctx.database.db, 'min-health-dg-health');
    finance = await unitIdOf(test.ctx.database.db, 'min-finance');
  });
  afterAll(async () => test.close());

  const healthAdmin = () => staffActor([{ role: 'agency_admin', unitId: health, scope: 'subtree' }]);

  it('a unit cannot be moved under its own descendant', async () => {
    const db = test.ctx.database.db;
    const parent = await createUnit({
      db,
      actor: SYSTEM,
      input: { parentId: health, kind: 'directorate', code: uniqueCode('p'), name: names },
    });
    const child = await createUnit({
      db,
      actor: SYSTEM,
      input: { parentId: parent.id, kind: 'directorate', code: uniqueCode('c'), name: names },
    });
    await expect(
      updateUnit({ db, actor: healthAdmin(), id: parent.id, input: { parentId: child.id } }),
    ).rejects.toMatchObject({ code: 'units.parent_cycle' });
    await expect(
      updateUnit({ db, actor: healthAdmin(), id: parent.id, input: { parentId: parent.id } }),
    ).rejects.toMatchObject({ code: 'units.parent_cycle' });
  });

  it('an agency admin cannot move a unit of their ministry into another ministry', async () => {
    const db = test.ctx.database.db;
    const unit = await createUnit({
      db,
      actor: healthAdmin(),
      input: { parentId: health, kind: 'directorate', code: uniqueCode('m'), name: names },
    });
    await expect(
      updateUnit({ db, actor: healthAdmin(), id: unit.id, input: { parentId: finance } }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
    await expect(
      updateUnit({ db, actor: healthAdmin(), id: unit.id, input: { parentId: null } }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
  });

  it('an agency admin whose role has scope unit cannot create units below it', async () => {
    const db = test.ctx.database.db;
    const actor = staffActor([{ role: 'agency_admin', unitId: health, scope: 'unit' }]);
    await createUnit({
      db,
      actor,
      input: { parentId: health, kind: 'directorate', code: uniqueCode('u'), name: names },
    });
    await expect(
      createUnit({
        db,
        actor,
        input: { parentId: healthDirectorate, kind: 'directorate', code: uniqueCode('u'), name: names },
      }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
  });

  it('only a scope-all administrator creates a root unit', async () => {
    const db = test.ctx.database.db;
    const input = { parentId: null, kind: 'ministry' as const, code: uniqueCode('root'), name: names };
    await expect(createUnit({ db, actor: healthAdmin(), input })).rejects.toMatchObject({ code: 'common.forbidden' });
    const root = await createUnit({
      db,
      actor: staffActor([{ role: 'system_admin', unitId: health, scope: 'unit' }]),
      input,
    });
    expect(root.parentId).toBeNull();
  });

  it('a unit code is unique, and an unknown parent is refused', async () => {
    const db = test.ctx.database.db;
    await expect(
      createUnit({ db, actor: SYSTEM, input: { parentId: null, kind: 'ministry', code: 'min-health', name: names } }),
    ).rejects.toMatchObject({ code: 'units.code_taken' });
    await expect(
      createUnit({
        db,
        actor: SYSTEM,
        input: {
          parentId: '00000000-0000-4000-8000-000000000000',
          kind: 'directorate',
          code: uniqueCode('x'),
          name: names,
        },
      }),
    ).rejects.toMatchObject({ code: 'units.parent_not_found' });
    await expect(
      updateUnit({ db, actor: SYSTEM, id: '00000000-0000-4000-8000-000000000000', input: { isActive: false } }),
    ).rejects.toMatchObject({ code: 'units.not_found' });
  });

  it('a new unit inherits its parent’s governorate unless given one', async () => {
    const db = test.ctx.database.db;
    const sfax = await unitIdOf(db, 'gov-tn-61');
    const inherited = await createUnit({
      db,
      actor: SYSTEM,
      input: { parentId: sfax, kind: 'municipality', code: uniqueCode('mun'), name: names },
    });
    expect(inherited.governorate).toBe('TN-61');
    const explicit = await createUnit({
      db,
      actor: SYSTEM,
      input: { parentId: sfax, kind: 'public_body', code: uniqueCode('pb'), name: names, governorate: null },
    });
    expect(explicit.governorate).toBeNull();
  });

  it('a deactivated unit leaves the public list but stays in the staff list', async () => {
    const db = test.ctx.database.db;
    const unit = await createUnit({
      db,
      actor: SYSTEM,
      input: { parentId: health, kind: 'directorate', code: uniqueCode('off'), name: names },
    });
    await updateUnit({ db, actor: healthAdmin(), id: unit.id, input: { isActive: false } });
    const publicList = await listUnits({ db, actor: { kind: 'anonymous' }, includeInactive: false });
    expect(publicList.map((u) => u.id)).not.toContain(unit.id);
    const staffList = await listUnits({ db, actor: healthAdmin(), includeInactive: true });
    expect(staffList.find((u) => u.id === unit.id)?.isActive).toBe(false);
  });
});
