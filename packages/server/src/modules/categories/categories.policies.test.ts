import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agenciesSnapshot,
  CALLERS,
  type Caller,
  callerActor,
  categoryIdOf,
  expectedFailure,
  uniqueCode,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createCategory, listCategories, updateCategory } from './categories.usecases.ts';

/**
 * The categories policy matrix. Categories are national taxonomy and belong to no unit, so the
 * matrix has no own/other column: the caller's unit (Ministry of Health) must not matter.
 */
const MATRIX: Record<Caller, { listInactive: boolean; create: boolean; update: boolean }> = {
  system_admin: { listInactive: true, create: true, update: true },
  central_office: { listInactive: true, create: true, update: true },
  agency_admin: { listInactive: true, create: false, update: false },
  supervisor: { listInactive: false, create: false, update: false },
  officer: { listInactive: false, create: false, update: false },
  moderator: { listInactive: false, create: false, update: false },
  auditor: { listInactive: true, create: false, update: false },
  citizen: { listInactive: false, create: false, update: false },
  anonymous: { listInactive: false, create: false, update: false },
};

const CELLS = CALLERS.flatMap((caller) =>
  (['listInactive', 'create', 'update'] as const).map((action) => ({
    caller,
    action,
    allowed: MATRIX[caller][action],
  })),
);

describe('categories policy matrix', () => {
  let test: TestContext;
  let home: string;
  let parent: string;
  beforeAll(async () => {
    test = await createTestContext();
    home = await unitIdOf(test.ctx.database.db, 'min-health');
    parent = await categoryIdOf(test.ctx.database.db, 'health');
  });
  afterAll(async () => test.close());

  it.each(CELLS)('$caller: $action categories → allowed: $allowed', async ({ caller, action, allowed }) => {
    const db = test.ctx.database.db;
    const actor = callerActor(caller, home);
    const run = async () => {
      switch (action) {
        case 'listInactive':
          return listCategories({ db, actor, includeInactive: true });
        case 'create':
          return createCategory({
            db,
            actor,
            input: { parentId: parent, code: uniqueCode('cat'), name: { ar: 'ف', fr: 'C', en: 'C' } },
          });
        case 'update':
          return updateCategory({
            db,
            actor,
            id: parent,
            input: { name: { ar: 'الصحة', fr: uniqueCode('Santé'), en: 'Health' } },
          });
      }
    };
    const before = await agenciesSnapshot(db);
    if (allowed) {
      await expect(run()).resolves.toBeTruthy();
      if (action !== 'listInactive') expect(await agenciesSnapshot(db)).not.toBe(before);
    } else {
      await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
      expect(await agenciesSnapshot(db)).toBe(before);
    }
    // Active categories are public to every caller.
    await expect(listCategories({ db, actor, includeInactive: false })).resolves.not.toHaveLength(0);
  });
});
