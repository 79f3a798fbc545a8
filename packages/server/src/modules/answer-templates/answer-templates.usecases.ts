import {
  type CaseOutcome,
  type CreateAnswerTemplateRequest,
  OUTCOMES_BY_TYPE,
  type RequestType,
  type UpdateAnswerTemplateRequest,
} from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import { type Actor, auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { createAuditRepository } from '../audit/index.ts';
import { assertAllowed, assertStaffOrSystem, createUnitsRepository, isAllowedByTable } from '../units/index.ts';
import { ANSWER_TEMPLATE_POLICY } from './answer-templates.policies.ts';
import { createAnswerTemplatesRepository } from './answer-templates.repository.ts';
import type { AnswerTemplateRow } from './answer-templates.table.ts';

const notFound = () => new AppError('answer_templates.not_found');

/** An outcome belongs to a type (docs/PRODUCT.md §4.1); a template for every type has none. */
function assertOutcomeFits(requestType: RequestType | null, outcome: CaseOutcome | null): void {
  if (outcome === null) return;
  if (requestType === null || !(OUTCOMES_BY_TYPE[requestType] as readonly string[]).includes(outcome)) {
    throw new AppError('cases.outcome_not_for_type');
  }
}

/**
 * The templates offered to a unit's handlers: the unit's own and those of the units above it
 * (a ministry's templates serve its directorates). Readable by staff whose role reaches the unit.
 */
export async function listAnswerTemplates({
  ctx,
  actor,
  unitId,
  requestType,
  includeInactive,
}: {
  ctx: AppContext;
  actor: Actor;
  unitId: string;
  requestType?: RequestType | undefined;
  includeInactive: boolean;
}): Promise<AnswerTemplateRow[]> {
  assertStaffOrSystem(actor);
  const db = ctx.database.db;
  const path = (await createUnitsRepository({ db }).loadTree()).pathOf(unitId);
  if (path.length === 0) throw new AppError('answer_templates.unit_not_found');
  assertAllowed(actor, isAllowedByTable(actor, ANSWER_TEMPLATE_POLICY, 'read', [path]));
  return createAnswerTemplatesRepository({ db }).listForUnits(path, { requestType, includeInactive });
}

/** Pass the transaction when inside one: PGlite has a single connection, so `ctx.database.db` would wait on it. */
async function unitPathOf(db: Database, unitId: string) {
  const path = (await createUnitsRepository({ db }).loadTree()).pathOf(unitId);
  if (path.length === 0) throw new AppError('answer_templates.unit_not_found');
  return path;
}

export async function createAnswerTemplate({
  ctx,
  actor,
  input,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  input: CreateAnswerTemplateRequest;
  requestId?: string | undefined;
}): Promise<AnswerTemplateRow> {
  assertStaffOrSystem(actor);
  const path = await unitPathOf(ctx.database.db, input.unitId);
  assertAllowed(actor, isAllowedByTable(actor, ANSWER_TEMPLATE_POLICY, 'manage', [path]));
  assertOutcomeFits(input.requestType, input.outcome);
  return ctx.database.db.transaction(async (tx) => {
    const row = await createAnswerTemplatesRepository({ db: tx }).insert({
      unitId: input.unitId,
      requestType: input.requestType,
      outcome: input.outcome,
      title: input.title,
      bodyAr: input.body.ar,
      bodyFr: input.body.fr,
      bodyEn: input.body.en,
      createdBy: actor.kind === 'staff' ? actor.userId : null,
    });
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'answer_templates.created',
      subjectType: 'answer_template',
      subjectId: row.id,
      requestId: requestId ?? null,
      data: { unitId: row.unitId, requestType: row.requestType, outcome: row.outcome },
    });
    return row;
  });
}

/** Edits or (with `remove`) deletes a template of a unit within the admin's reach. */
export async function changeAnswerTemplate({
  ctx,
  actor,
  id,
  input,
  remove = false,
  requestId,
}: {
  ctx: AppContext;
  actor: Actor;
  id: string;
  input?: UpdateAnswerTemplateRequest;
  remove?: boolean;
  requestId?: string | undefined;
}): Promise<AnswerTemplateRow | undefined> {
  assertStaffOrSystem(actor);
  return ctx.database.db.transaction(async (tx) => {
    const repository = createAnswerTemplatesRepository({ db: tx });
    const existing = await repository.findById(id);
    if (!existing) throw notFound();
    const path = await unitPathOf(tx, existing.unitId);
    if (!isAllowedByTable(actor, ANSWER_TEMPLATE_POLICY, 'read', [path])) throw notFound();
    assertAllowed(actor, isAllowedByTable(actor, ANSWER_TEMPLATE_POLICY, 'manage', [path]));
    let row: AnswerTemplateRow | undefined;
    if (remove) await repository.delete(id);
    else {
      const requestType = input?.requestType === undefined ? existing.requestType : input.requestType;
      const outcome = input?.outcome === undefined ? existing.outcome : input.outcome;
      assertOutcomeFits(requestType, outcome);
      row = await repository.update(
        id,
        {
          requestType,
          outcome,
          ...(input?.title !== undefined ? { title: input.title } : {}),
          ...(input?.body ? { bodyAr: input.body.ar, bodyFr: input.body.fr, bodyEn: input.body.en } : {}),
          ...(input?.isActive !== undefined ? { isActive: input.isActive } : {}),
        },
        ctx.now(),
      );
    }
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: remove ? 'answer_templates.deleted' : 'answer_templates.updated',
      subjectType: 'answer_template',
      subjectId: id,
      requestId: requestId ?? null,
      data: { unitId: existing.unitId },
    });
    return row;
  });
}
