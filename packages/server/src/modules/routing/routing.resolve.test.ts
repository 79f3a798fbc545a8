import type { GovernorateCode, RequestType } from '@epeople/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryIdOf, SYSTEM, unitCodeOf, unitIdOf } from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createCategoriesRepository } from '../categories/index.ts';
import { updateUnit } from '../units/units.usecases.ts';
import { createRoutingRepository } from './routing.repository.ts';
import { createRoutingRule, deleteRoutingRule, resolveRoute } from './routing.usecases.ts';

/** Routing resolution on the seeded rules (seed.routing-rules.ts). */
describe('routing resolution', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  async function landsIn(requestType: RequestType, category: string | null, governorate: GovernorateCode | null) {
    const db = test.ctx.database.db;
    const resolution = await resolveRoute({
      db,
      requestType,
      categoryId: category ? await categoryIdOf(db, category) : null,
      governorate,
    });
    return { code: await unitCodeOf(db, resolution.unitId), ...resolution };
  }

  it.each([
    // The rule with more criteria wins: (category, governorate) over (category).
    ['petition', 'health', 'TN-61', 'min-health-drs-tn-61'],
    // With equal counts, category beats type: (health, TN-61) over (petition, health).
    ['guidance', 'health', 'TN-61', 'min-health-drs-tn-61'],
    // (type, category) beats (category) alone.
    ['guidance', 'health', null, 'min-health'],
    // With one criterion each, category beats governorate: Béja has no health rule of its own.
    ['petition', 'health', 'TN-31', 'min-health'],
    // A governorate alone sends to that governorate's citizen relations office.
    ['suggestion', null, 'TN-31', 'cro-tn-31'],
    // Municipal services in a governorate go to its municipality.
    ['petition', 'municipal-waste', 'TN-61', 'mun-tn-61'],
    // A parent category's rule covers its sub-categories...
    ['petition', 'health-hospitals', null, 'min-health'],
    // ...and the nearest category wins: water-supply's own rule over water's.
    ['petition', 'water-supply', null, 'sonede'],
    ['petition', 'water-irrigation', null, 'min-agriculture'],
    // Corruption notices go to the central office by rule (not as triage).
    ['notice', 'integrity-bribery', 'TN-61', 'central-office'],
  ] as const)('%s about %s in %s lands in %s', async (type, category, governorate, expected) => {
    const route = await landsIn(type, category, governorate);
    expect(route.code).toBe(expected);
    expect(route.isTriage).toBe(false);
    expect(route.ruleId).not.toBeNull();
  });

  it('with no matching rule the case goes to the central office for triage', async () => {
    const route = await landsIn('petition', 'integrity-bribery', null);
    expect(route).toMatchObject({ code: 'central-office', isTriage: true, ruleId: null });
    expect(await landsIn('suggestion', null, null)).toMatchObject({ code: 'central-office', isTriage: true });
  });

  it('a rule whose unit is inactive is skipped for the next best one', async () => {
    const db = test.ctx.database.db;
    const sonede = await unitIdOf(db, 'sonede');
    await updateUnit({ db, actor: SYSTEM, id: sonede, input: { isActive: false } });
    try {
      expect((await landsIn('petition', 'water-supply', null)).code).toBe('min-agriculture');
    } finally {
      await updateUnit({ db, actor: SYSTEM, id: sonede, input: { isActive: true } });
    }
    expect((await landsIn('petition', 'water-supply', null)).code).toBe('sonede');
  });

  it('a more specific rule added by an administrator takes over, and deleting it restores the route', async () => {
    const db = test.ctx.database.db;
    const rule = await createRoutingRule({
      db,
      actor: SYSTEM,
      input: {
        requestType: 'petition',
        categoryId: await categoryIdOf(db, 'water-supply'),
        governorate: 'TN-61',
        unitId: await unitIdOf(db, 'mun-tn-61'),
      },
    });
    expect(await landsIn('petition', 'water-supply', 'TN-61')).toMatchObject({ code: 'mun-tn-61', ruleId: rule.id });
    expect((await landsIn('guidance', 'water-supply', 'TN-61')).code).toBe('sonede');
    await deleteRoutingRule({ db, actor: SYSTEM, id: rule.id });
    expect((await landsIn('petition', 'water-supply', 'TN-61')).code).toBe('sonede');
  });

  it('routes by a category and rule another app node just created, though this node keeps a snapshot', async () => {
    const db = test.ctx.database.db;
    expect((await landsIn('petition', 'water', null)).code).toBe('min-agriculture'); // snapshot taken
    // Written as another node would: straight to the database, with no word to this process.
    const category = await createCategoriesRepository({ db }).insert({
      parentId: await categoryIdOf(db, 'water'),
      code: 'water-wells',
      nameAr: 'الآبار',
      nameFr: 'Puits',
      nameEn: 'Wells',
    });
    await createRoutingRepository({ db }).insert({
      requestType: null,
      categoryId: category!.id,
      governorate: null,
      unitId: await unitIdOf(db, 'sonede'),
    });
    expect((await landsIn('petition', 'water-wells', null)).code).toBe('sonede');
  });
});
