import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLERS,
  type Caller,
  callerActor,
  EVERYWHERE,
  expectedFailure,
  NOWHERE,
  OWN_ONLY,
  PLACES,
  type Place,
  type Places,
  SYSTEM,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createFaqEntry, listFaqForStaff, updateFaqEntry } from './faq.usecases.ts';

/**
 * The FAQ policy matrix (faq.policies.ts). Every caller holds its role in the Ministry of Health
 * (scope subtree). An entry is "own" when it belongs to a unit of that ministry, "other" when it
 * belongs to the Ministry of Finance, "national" when it belongs to no unit. The rule, as
 * docs/access-control.md and the product state it: the central office and system administrators
 * keep every entry; an agency administrator keeps the entries of the units their role reaches
 * (a national entry is not within a ministry's reach); nobody else writes the FAQ.
 */
const MATRIX: Record<Caller, Places> = {
  system_admin: EVERYWHERE,
  central_office: EVERYWHERE,
  agency_admin: OWN_ONLY,
  supervisor: NOWHERE,
  officer: NOWHERE,
  moderator: NOWHERE,
  auditor: NOWHERE,
  citizen: NOWHERE,
  anonymous: NOWHERE,
};

const CELLS = CALLERS.flatMap((caller) =>
  (['create', 'update'] as const).flatMap((action) =>
    PLACES.map((place) => ({ caller, action, place, allowed: MATRIX[caller][place] })),
  ),
);

const text = (word: string) => ({ ar: `سؤال ${word}`, fr: `Question ${word}`, en: `Question ${word}` });
let counter = 0;

describe('faq.policies.ts matrix', () => {
  let test: TestContext;
  let home: string;
  const unitOf: Record<Place, string | null> = { own: null, other: null, national: null };

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    home = await unitIdOf(db, 'min-health');
    unitOf.own = await unitIdOf(db, 'min-health-dg-health');
    unitOf.other = await unitIdOf(db, 'min-finance-dg-taxes');
  });
  afterAll(async () => test.close());

  const entryAt = (place: Place) =>
    createFaqEntry({
      db: test.ctx.database.db,
      actor: SYSTEM,
      input: {
        categoryId: null,
        unitId: unitOf[place],
        question: text(`seed ${counter++}`),
        answer: text('answer'),
        isPublished: false,
      },
    });
  const allEntries = () => listFaqForStaff({ db: test.ctx.database.db, actor: SYSTEM });

  it.each(CELLS)(
    '$caller: $action an entry ($place) → allowed: $allowed',
    async ({ caller, action, place, allowed }) => {
      const db = test.ctx.database.db;
      const actor = callerActor(caller, home);
      const existing = action === 'update' ? await entryAt(place) : undefined;
      const question = text(`${caller} ${action} ${counter++}`);
      const run = () =>
        action === 'create'
          ? createFaqEntry({
              db,
              actor,
              input: { categoryId: null, unitId: unitOf[place], question, answer: text('a'), isPublished: true },
            })
          : updateFaqEntry({ db, actor, id: existing!.id, input: { question } });
      const before = await allEntries();
      if (allowed) {
        await expect(run()).resolves.toMatchObject({ questionFr: question.fr, unitId: unitOf[place] });
        return;
      }
      // An agency administrator is told an entry outside their reach does not exist, as in their list.
      const code = action === 'update' && caller === 'agency_admin' ? 'faq.not_found' : expectedFailure(caller);
      await expect(run()).rejects.toMatchObject({ code });
      expect(await allEntries()).toEqual(before);
    },
  );

  it.each(CALLERS)('%s: the staff list holds exactly the entries the caller may manage', async (caller) => {
    const db = test.ctx.database.db;
    const made = { own: await entryAt('own'), other: await entryAt('other'), national: await entryAt('national') };
    const actor = callerActor(caller, home);
    const places = MATRIX[caller];
    if (!places.own && !places.other && !places.national) {
      await expect(listFaqForStaff({ db, actor })).rejects.toMatchObject({ code: expectedFailure(caller) });
      return;
    }
    const listed = new Set((await listFaqForStaff({ db, actor })).map((entry) => entry.id));
    for (const place of PLACES) expect(listed.has(made[place].id), place).toBe(places[place]);
  });
});
