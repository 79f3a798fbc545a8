import { auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { invalidateRoutingCache } from '../routing/index.ts';
import { SEED_CATEGORIES } from './seed.categories.ts';
import { createSeedRepository, type SeedRepository } from './seed.repository.ts';
import { SEED_ROUTING_RULES } from './seed.routing-rules.ts';
import { SEED_UNITS } from './seed.units.ts';

/**
 * Bump when the data below changes: the next start inserts what is missing (by code), leaves
 * existing rows as administrators left them, and records the new version.
 */
export const REFERENCE_DATA_VERSION = 1;
const DATA_SET = 'reference-data';

export interface SeedResult {
  /** True when this version was already loaded and nothing was read or written. */
  skipped: boolean;
  inserted: { units: number; categories: number; routingRules: number };
}

/** Groups rows by depth (roots first) so each level's parents exist before its children. */
function byDepth<Row extends { code: string; parentCode: string | null }>(rows: readonly Row[]): Row[][] {
  const depthOf = new Map<string, number>();
  const levels: Row[][] = [];
  for (const row of rows) {
    const depth = row.parentCode ? (depthOf.get(row.parentCode) ?? 0) + 1 : 0;
    depthOf.set(row.code, depth);
    levels[depth] = [...(levels[depth] ?? []), row];
  }
  return levels;
}

async function parentIds(
  level: ReadonlyArray<{ parentCode: string | null }>,
  lookup: (codes: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  return lookup([...new Set(level.flatMap((row) => (row.parentCode ? [row.parentCode] : [])))]);
}

async function seedUnits(seed: SeedRepository): Promise<number> {
  let inserted = 0;
  for (const level of byDepth(SEED_UNITS)) {
    const parents = await parentIds(level, (codes) => seed.unitIdsByCode(codes));
    inserted += await seed.insertUnits(
      level.map((row) => ({
        parentId: row.parentCode ? (parents.get(row.parentCode) ?? null) : null,
        kind: row.kind,
        code: row.code,
        nameAr: row.ar,
        nameFr: row.fr,
        nameEn: row.en,
        governorate: row.governorate,
      })),
    );
  }
  return inserted;
}

async function seedCategories(seed: SeedRepository): Promise<number> {
  let inserted = 0;
  for (const level of byDepth(SEED_CATEGORIES)) {
    const parents = await parentIds(level, (codes) => seed.categoryIdsByCode(codes));
    inserted += await seed.insertCategories(
      level.map((row) => ({
        parentId: row.parentCode ? (parents.get(row.parentCode) ?? null) : null,
        code: row.code,
        nameAr: row.ar,
        nameFr: row.fr,
        nameEn: row.en,
      })),
    );
  }
  return inserted;
}

async function seedRoutingRules(seed: SeedRepository): Promise<number> {
  const unitIds = await seed.unitIdsByCode([...new Set(SEED_ROUTING_RULES.map((rule) => rule.unit))]);
  const categoryIds = await seed.categoryIdsByCode([
    ...new Set(SEED_ROUTING_RULES.flatMap((rule) => (rule.category ? [rule.category] : []))),
  ]);
  const rows = SEED_ROUTING_RULES.flatMap((rule) => {
    const unitId = unitIds.get(rule.unit);
    const categoryId = rule.category ? categoryIds.get(rule.category) : null;
    // Codes never change, so every one resolves; a rule whose code does not is skipped, not guessed.
    if (!unitId || categoryId === undefined) return [];
    return [{ requestType: rule.requestType ?? null, categoryId, governorate: rule.governorate ?? null, unitId }];
  });
  return seed.insertRoutingRules(rows);
}

/**
 * Loads the central office, ministries, governorates with their offices and municipalities, the
 * category tree and routing rules. Idempotent: inserts by code and never overwrites. Runs at
 * every start; once the current version is recorded it costs one query. `force` re-runs the
 * inserts anyway (tests, and the CLI's "load demo data").
 */
export async function seedReferenceData({ db, force = false }: { db: Database; force?: boolean }): Promise<SeedResult> {
  const empty = { units: 0, categories: 0, routingRules: 0 };
  const current = await createSeedRepository({ db }).findVersion(DATA_SET);
  if (!force && current !== undefined && current >= REFERENCE_DATA_VERSION) return { skipped: true, inserted: empty };
  return db
    .transaction(async (tx) => {
      const seed = createSeedRepository({ db: tx });
      await seed.lockForSeeding();
      const again = await seed.findVersion(DATA_SET);
      if (!force && again !== undefined && again >= REFERENCE_DATA_VERSION) return { skipped: true, inserted: empty };
      const inserted = {
        units: await seedUnits(seed),
        categories: await seedCategories(seed),
        routingRules: await seedRoutingRules(seed),
      };
      await seed.saveVersion(DATA_SET, Math.max(REFERENCE_DATA_VERSION, again ?? 0));
      if (inserted.units + inserted.categories + inserted.routingRules > 0) {
        await createAuditRepository({ db: tx }).record({
          ...auditActorOf({ kind: 'system', name: 'seed' }),
          action: 'seed.reference_data_loaded',
          subjectType: 'reference_data',
          subjectId: String(REFERENCE_DATA_VERSION),
          data: inserted,
        });
      }
      return { skipped: false, inserted };
    })
    .finally(invalidateRoutingCache);
}
