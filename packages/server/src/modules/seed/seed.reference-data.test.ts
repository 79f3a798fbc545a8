import { GOVERNORATES } from '@epeople/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { queryRows } from '../../db/client.ts';
import { createUnitsRepository } from '../units/index.ts';
import { seedReferenceData } from './seed.reference-data.ts';
import { SEED_ROUTING_RULES } from './seed.routing-rules.ts';
import { SEED_UNITS } from './seed.units.ts';

async function counts(test: TestContext) {
  const [row] = await queryRows<{ units: number; categories: number; rules: number; audit: number }>(
    test.ctx.database.db,
    sql`SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM categories) AS categories,
               (SELECT count(*)::int FROM routing_rules) AS rules,
               (SELECT count(*)::int FROM audit_log WHERE action = 'seed.reference_data_loaded') AS audit`,
  );
  return row!;
}

describe('reference data seeding', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext();
  });
  afterAll(async () => test.close());

  it('the start-up hook has loaded every unit, a category tree and every routing rule, audited once', async () => {
    const loaded = await counts(test);
    expect(loaded.units).toBe(SEED_UNITS.length);
    expect(loaded.categories).toBeGreaterThanOrEqual(50);
    expect(loaded.rules).toBe(SEED_ROUTING_RULES.length);
    expect(loaded.audit).toBe(1);
  });

  it('seeding twice changes nothing, whether skipped by version or forced', async () => {
    const before = await counts(test);
    const skipped = await seedReferenceData({ db: test.ctx.database.db });
    expect(skipped.skipped).toBe(true);
    const forced = await seedReferenceData({ db: test.ctx.database.db, force: true });
    expect(forced).toEqual({ skipped: false, inserted: { units: 0, categories: 0, routingRules: 0 } });
    expect(await counts(test)).toEqual(before);
  });

  it('each of the 24 governorates has its unit, a citizen relations office and a municipality', async () => {
    const units = await createUnitsRepository({ db: test.ctx.database.db }).list({ includeInactive: true });
    const byCode = new Map(units.map((unit) => [unit.code, unit]));
    const offices = units.filter((unit) => unit.kind === 'citizen_relations_office');
    expect(offices).toHaveLength(24);
    for (const governorate of GOVERNORATES) {
      const suffix = governorate.code.toLowerCase();
      const office = byCode.get(`cro-${suffix}`);
      expect(office?.governorate).toBe(governorate.code);
      expect(office?.parentId).toBe(byCode.get(`gov-${suffix}`)?.id);
      expect(byCode.get(`mun-${suffix}`)?.kind).toBe('municipality');
    }
    expect(byCode.get('cro-tn-73')?.nameFr).toBe('Bureau des relations avec le citoyen du gouvernorat de Kébili');
    expect(byCode.get('gov-tn-33')?.nameFr).toBe('Gouvernorat du Kef');
    expect(byCode.get('gov-tn-12')?.nameFr).toBe("Gouvernorat de l'Ariana");
  });

  it('keeps what an administrator changed: a renamed unit is not renamed back', async () => {
    const db = test.ctx.database.db;
    await queryRows(db, sql`UPDATE units SET name_en = 'Health Ministry (renamed)' WHERE code = 'min-health'`);
    await seedReferenceData({ db, force: true });
    const unit = await createUnitsRepository({ db }).findByCode('min-health');
    expect(unit?.nameEn).toBe('Health Ministry (renamed)');
  });

  it('every unit and category has its three names, and codes are unique', async () => {
    const [row] = await queryRows<{ missing: number }>(
      test.ctx.database.db,
      sql`SELECT (SELECT count(*) FROM units WHERE '' IN (trim(name_ar), trim(name_fr), trim(name_en)))
               + (SELECT count(*) FROM categories WHERE '' IN (trim(name_ar), trim(name_fr), trim(name_en)))
               AS missing`,
    );
    expect(Number(row!.missing)).toBe(0);
    expect(new Set(SEED_UNITS.map((unit) => unit.code)).size).toBe(SEED_UNITS.length);
  });
});
