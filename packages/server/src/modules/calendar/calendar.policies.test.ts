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
import {
  deleteDeadlineSetting,
  listDeadlineSettings,
  type PutDeadlineSettingInput,
  putDeadlineSetting,
} from './deadline-settings.usecases.ts';
import { createHoliday, listHolidays, updateHoliday } from './holidays.usecases.ts';

/**
 * The calendar policy matrix (calendar.policies.ts). Every caller holds its role in the Ministry
 * of Health (scope subtree). The rule, from docs/PRODUCT.md §2 and §4.2 and docs/access-control.md:
 * - the national calendar (holidays) is kept by the central office and system administrators;
 * - the deadline rules are read by those who set them (administrators, the central office) and
 *   those who answer for deadlines being kept (supervisors, auditors);
 * - a deadline is overridden nationally only by the central office and system administrators; an
 *   agency administrator overrides it for units within their reach ("own", a directorate of the
 *   ministry, whose whole subtree the override governs), never for another ministry's ("other").
 */
const MATRIX: Record<Caller, { holidays: boolean; listDeadlines: boolean; deadlines: Places }> = {
  system_admin: { holidays: true, listDeadlines: true, deadlines: EVERYWHERE },
  central_office: { holidays: true, listDeadlines: true, deadlines: EVERYWHERE },
  agency_admin: { holidays: false, listDeadlines: true, deadlines: OWN_ONLY },
  supervisor: { holidays: false, listDeadlines: true, deadlines: NOWHERE },
  officer: { holidays: false, listDeadlines: false, deadlines: NOWHERE },
  moderator: { holidays: false, listDeadlines: false, deadlines: NOWHERE },
  auditor: { holidays: false, listDeadlines: true, deadlines: NOWHERE },
  citizen: { holidays: false, listDeadlines: false, deadlines: NOWHERE },
  anonymous: { holidays: false, listDeadlines: false, deadlines: NOWHERE },
};

const DEADLINE_CELLS = CALLERS.flatMap((caller) =>
  (['put', 'delete'] as const).flatMap((action) =>
    PLACES.map((place) => ({ caller, action, place, allowed: MATRIX[caller].deadlines[place] })),
  ),
);
const HOLIDAY_CELLS = CALLERS.flatMap((caller) =>
  (['create', 'update'] as const).map((action) => ({ caller, action, allowed: MATRIX[caller].holidays })),
);

const name = (word: string) => ({ ar: `عطلة ${word}`, fr: `Congé ${word}`, en: `Holiday ${word}` });
let counter = 0;
/** A different date of 2031 for every holiday made here (exceptional holidays are one per date). */
const nextDate = () => {
  const day = new Date(Date.UTC(2031, 0, 1) + counter++ * 86_400_000);
  return day.toISOString().slice(0, 10);
};

describe('calendar.policies.ts matrix', () => {
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

  const settings = () => listDeadlineSettings({ db: test.ctx.database.db, actor: SYSTEM });

  it.each(DEADLINE_CELLS)(
    '$caller: $action a deadline override ($place) → allowed: $allowed',
    async ({ caller, action, place, allowed }) => {
      const db = test.ctx.database.db;
      const actor = callerActor(caller, home);
      const input: PutDeadlineSettingInput = {
        unitId: unitOf[place],
        requestType: 'petition',
        milestone: 'answer',
        days: 10 + (counter++ % 20),
        dayKind: 'working',
      };
      const existing =
        action === 'delete' ? await putDeadlineSetting({ db, actor: SYSTEM, input: { ...input, days: 5 } }) : undefined;
      const run = () =>
        action === 'put'
          ? putDeadlineSetting({ db, actor, input })
          : deleteDeadlineSetting({ db, actor, id: existing!.id });
      const before = await settings();
      if (allowed) {
        await run();
        const after = await settings();
        const row = after.find((setting) => setting.unitId === input.unitId && setting.requestType === 'petition');
        if (action === 'put') expect(row?.days).toBe(input.days);
        else expect(row).toBeUndefined();
        return;
      }
      await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
      expect(await settings()).toEqual(before);
    },
  );

  it.each(CALLERS)('%s: reads the deadline overrides → allowed: see the matrix', async (caller) => {
    const run = () => listDeadlineSettings({ db: test.ctx.database.db, actor: callerActor(caller, home) });
    if (MATRIX[caller].listDeadlines) await expect(run()).resolves.toEqual(await settings());
    else await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
  });

  it.each(HOLIDAY_CELLS)('$caller: $action a holiday → allowed: $allowed', async ({ caller, action, allowed }) => {
    const db = test.ctx.database.db;
    const actor = callerActor(caller, home);
    const date = nextDate();
    const existing =
      action === 'update' ? await createHoliday({ db, actor: SYSTEM, input: { date, name: name('seed') } }) : undefined;
    const renamed = name(`${caller} ${counter++}`);
    const run = () =>
      action === 'create'
        ? createHoliday({ db, actor, input: { date, name: renamed } })
        : updateHoliday({ db, actor, id: existing!.id, input: { name: renamed } });
    const holidays = async () =>
      (await listHolidays({ db, year: 2031 })).map((holiday) => [holiday.date, holiday.nameFr]);
    const before = await holidays();
    if (allowed) {
      await run();
      expect(await holidays()).toContainEqual([date, renamed.fr]);
      return;
    }
    await expect(run()).rejects.toMatchObject({ code: expectedFailure(caller) });
    expect(await holidays()).toEqual(before);
  });
});
