import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdOf, SYSTEM, uniqueCode } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAuditRepository } from '../audit/index.ts';
import { createCategory, listCategories, updateCategory } from './categories.usecases.ts';

const names = { ar: 'فئة', fr: 'Catégorie', en: 'Category' };

describe('categories use cases', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  it('a category cannot be moved under its own sub-category', async () => {
    const db = test.ctx.database.db;
    const health = await categoryIdOf(db, 'health');
    const hospitals = await categoryIdOf(db, 'health-hospitals');
    await expect(
      updateCategory({ db, actor: SYSTEM, id: health, input: { parentId: hospitals } }),
    ).rejects.toMatchObject({
      code: 'categories.parent_cycle',
    });
    await expect(updateCategory({ db, actor: SYSTEM, id: health, input: { parentId: health } })).rejects.toMatchObject({
      code: 'categories.parent_cycle',
    });
  });

  it('codes are unique and parents must exist', async () => {
    const db = test.ctx.database.db;
    await expect(
      createCategory({ db, actor: SYSTEM, input: { parentId: null, code: 'health', name: names } }),
    ).rejects.toMatchObject({
      code: 'categories.code_taken',
    });
    await expect(
      createCategory({
        db,
        actor: SYSTEM,
        input: { parentId: '00000000-0000-4000-8000-000000000000', code: uniqueCode('c'), name: names },
      }),
    ).rejects.toMatchObject({ code: 'categories.parent_not_found' });
    await expect(
      updateCategory({ db, actor: SYSTEM, id: '00000000-0000-4000-8000-000000000000', input: { isActive: false } }),
    ).rejects.toMatchObject({ code: 'categories.not_found' });
  });

  it('moving and deactivating a category is audited with before and after', async () => {
    const db = test.ctx.database.db;
    const created = await createCategory({
      db,
      actor: SYSTEM,
      input: { parentId: null, code: uniqueCode('c'), name: names },
    });
    const parent = await categoryIdOf(db, 'environment');
    const moved = await updateCategory({
      db,
      actor: SYSTEM,
      id: created.id,
      input: { parentId: parent, isActive: false },
    });
    expect(moved).toMatchObject({ parentId: parent, isActive: false });
    const [entry] = await createAuditRepository({ db }).listForSubject('category', created.id);
    expect(entry).toMatchObject({
      action: 'categories.updated',
      data: { before: { parentId: null, isActive: true }, after: { parentId: parent, isActive: false } },
    });
    const publicList = await listCategories({ db, actor: { kind: 'anonymous' }, includeInactive: false });
    expect(publicList.map((c) => c.id)).not.toContain(created.id);
  });
});
