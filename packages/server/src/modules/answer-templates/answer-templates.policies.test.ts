import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, uniqueEmail } from '../../../test/accounts-helpers.ts';
import {
  CALLERS,
  type Caller,
  callerActor,
  expectedFailure,
  SYSTEM,
  unitIdOf,
} from '../../../test/agencies-helpers.ts';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import type { Actor } from '../../auth/actor.ts';
import { createUserWithPassword } from '../accounts/index.ts';
import { changeAnswerTemplate, createAnswerTemplate, listAnswerTemplates } from './answer-templates.usecases.ts';

/**
 * The answer templates policy matrix (answer-templates.policies.ts). Every caller holds its role
 * in the Ministry of Health (scope subtree); "own" templates belong to a unit of that ministry,
 * "other" ones to the Ministry of Finance. The rule: an agency's administrators keep its units'
 * templates; the officers and supervisors who handle a unit's cases read its templates (to fill
 * their answers) and change none; the central office and system administrators keep them all;
 * moderators, auditors, citizens and guests have nothing to do with them.
 */
type Pair = { own: boolean; other: boolean };
const ALL: Pair = { own: true, other: true };
const OWN: Pair = { own: true, other: false };
const NONE: Pair = { own: false, other: false };
const MATRIX: Record<Caller, { read: Pair; manage: Pair }> = {
  system_admin: { read: ALL, manage: ALL },
  central_office: { read: ALL, manage: ALL },
  agency_admin: { read: OWN, manage: OWN },
  supervisor: { read: OWN, manage: NONE },
  officer: { read: OWN, manage: NONE },
  moderator: { read: NONE, manage: NONE },
  auditor: { read: NONE, manage: NONE },
  citizen: { read: NONE, manage: NONE },
  anonymous: { read: NONE, manage: NONE },
};
const ACTIONS = ['list', 'create', 'update', 'delete'] as const;
type Place = 'own' | 'other';

const CELLS = CALLERS.flatMap((caller) =>
  ACTIONS.flatMap((action) =>
    (['own', 'other'] as const).map((place) => ({
      caller,
      action,
      place,
      allowed: (action === 'list' ? MATRIX[caller].read : MATRIX[caller].manage)[place],
    })),
  ),
);

const body = (word: string) => ({ ar: `نص ${word}`, fr: `Texte ${word}`, en: `Text ${word}` });
let counter = 0;

describe('answer-templates.policies.ts matrix', () => {
  let test: TestContext;
  let home: string;
  const unitOf: Record<Place, string> = { own: '', other: '' };
  const actors = new Map<Caller, Actor>();

  beforeAll(async () => {
    test = await createTestContext();
    const db = test.ctx.database.db;
    home = await unitIdOf(db, 'min-health');
    unitOf.own = await unitIdOf(db, 'min-health-dg-health');
    unitOf.other = await unitIdOf(db, 'min-finance-dg-taxes');
    // A template records its author, so staff callers are real accounts.
    for (const caller of CALLERS) {
      if (caller === 'citizen' || caller === 'anonymous') actors.set(caller, callerActor(caller, home));
      else {
        const { userId } = await createUserWithPassword({
          db,
          kind: 'staff',
          email: uniqueEmail(caller),
          password: STRONG_PASSWORD,
          fullName: 'Sami Ben Ali',
          language: 'fr',
        });
        actors.set(caller, {
          kind: 'staff',
          userId,
          language: 'fr',
          roles: [{ id: randomUUID(), role: caller, unitId: home, scope: 'subtree' }],
        });
      }
    }
  });
  afterAll(async () => test.close());

  const templateAt = (place: Place) =>
    createAnswerTemplate({
      ctx: test.ctx,
      actor: SYSTEM,
      input: {
        unitId: unitOf[place],
        requestType: null,
        outcome: null,
        title: `Modèle ${counter++}`,
        body: body('seed'),
      },
    });
  const templatesOf = (place: Place) =>
    listAnswerTemplates({ ctx: test.ctx, actor: SYSTEM, unitId: unitOf[place], includeInactive: true });

  it.each(CELLS)(
    '$caller: $action templates ($place) → allowed: $allowed',
    async ({ caller, action, place, allowed }) => {
      const actor = actors.get(caller)!;
      const existing = await templateAt(place);
      const title = `${caller} ${action} ${counter++}`;
      const run = async () => {
        switch (action) {
          case 'list':
            return listAnswerTemplates({ ctx: test.ctx, actor, unitId: unitOf[place], includeInactive: false });
          case 'create':
            return createAnswerTemplate({
              ctx: test.ctx,
              actor,
              input: { unitId: unitOf[place], requestType: null, outcome: null, title, body: body(title) },
            });
          case 'update':
            return changeAnswerTemplate({ ctx: test.ctx, actor, id: existing.id, input: { title } });
          case 'delete':
            return changeAnswerTemplate({ ctx: test.ctx, actor, id: existing.id, remove: true });
        }
      };
      const before = await templatesOf(place);
      if (allowed) {
        const result = await run();
        const after = await templatesOf(place);
        if (action === 'list')
          expect(result).toEqual(expect.arrayContaining([expect.objectContaining({ id: existing.id })]));
        if (action === 'create' || action === 'update')
          expect(after.map((template) => template.title)).toContain(title);
        if (action === 'delete') expect(after.map((template) => template.id)).not.toContain(existing.id);
        return;
      }
      // Staff who may not even read a unit's templates are told they do not exist.
      const hidden =
        (action === 'update' || action === 'delete') &&
        caller !== 'citizen' &&
        caller !== 'anonymous' &&
        !MATRIX[caller].read[place];
      await expect(run()).rejects.toMatchObject({
        code: hidden ? 'answer_templates.not_found' : expectedFailure(caller),
      });
      expect(await templatesOf(place)).toEqual(before);
    },
  );
});
