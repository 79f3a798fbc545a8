import type { DayKind, DeadlineMilestone, RequestType } from '@epeople/contracts';
import { auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { assertAllowed, createUnitsRepository, type UnitPath } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { measureOf } from './calendar.deadlines.ts';
import {
  createCalendarUnitNotFoundError,
  createDeadlineSettingNotFoundError,
  createMilestoneNotApplicableError,
} from './calendar.errors.ts';
import { invalidateCalendarCache } from './calendar.loader.ts';
import { can } from './calendar.policies.ts';
import { createCalendarRepository, type DeadlineSettingRow } from './calendar.repository.ts';
import { DEFAULT_DEADLINES, defaultDeadlineOf } from './calendar.settings.ts';

/** The defaults of docs/PRODUCT.md §4.2, with how each is counted. */
export const deadlineDefaults = () =>
  DEFAULT_DEADLINES.map((rule) => ({
    requestType: rule.requestType,
    milestone: rule.milestone,
    days: rule.days,
    dayKind: rule.dayKind,
    measure: measureOf(rule),
  }));

/**
 * The overrides: all of them, or with `unitId` those that can apply to that unit (its own, its
 * ancestors', and the national ones).
 */
export async function listDeadlineSettings({
  db,
  actor,
  unitId,
}: UseCaseDeps & { unitId?: string | undefined }): Promise<DeadlineSettingRow[]> {
  assertAllowed(actor, can(actor, 'list_deadlines'));
  const rows = await createCalendarRepository({ db }).listDeadlineSettings();
  if (!unitId) return rows;
  const tree = await createUnitsRepository({ db }).loadTree();
  if (!tree.has(unitId)) throw createCalendarUnitNotFoundError();
  const path = new Set(tree.pathOf(unitId));
  return rows.filter((row) => row.unitId === null || path.has(row.unitId));
}

export interface PutDeadlineSettingInput {
  unitId: string | null;
  requestType: RequestType;
  milestone: DeadlineMilestone;
  days: number;
  dayKind: DayKind;
}

/**
 * The units a unit's override governs: the unit and every unit below it (those without a nearer
 * override of their own, but an admin who may not set those units' deadlines may not decide
 * them by default either: docs/access-control.md). A national rule governs the top of the tree.
 */
async function governedPaths(db: Database, unitId: string | null): Promise<UnitPath[]> {
  if (!unitId) return [[]];
  const tree = await createUnitsRepository({ db }).loadTree();
  if (!tree.has(unitId)) throw createCalendarUnitNotFoundError();
  return tree.subtreeOf(unitId).map((id) => tree.pathOf(id));
}

/** Sets the deadline of a type (and milestone) nationally or for a unit and the units below. */
export async function putDeadlineSetting({
  db,
  actor,
  now = new Date(),
  requestId,
  input,
}: UseCaseDeps & { input: PutDeadlineSettingInput }): Promise<DeadlineSettingRow> {
  assertAllowed(actor, can(actor, 'manage_deadlines'));
  if (!defaultDeadlineOf(input.requestType, input.milestone)) throw createMilestoneNotApplicableError();
  const saved = await db.transaction(async (tx) => {
    assertAllowed(actor, can(actor, 'manage_deadlines', await governedPaths(tx, input.unitId)));
    const settings = createCalendarRepository({ db: tx });
    const before = await settings.findDeadlineSetting(input);
    const row = await settings.upsertDeadlineSetting(input, now);
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'calendar.deadline_setting_saved',
      subjectType: 'deadline_setting',
      subjectId: row.id,
      requestId: requestId ?? null,
      data: {
        unitId: input.unitId,
        requestType: input.requestType,
        milestone: input.milestone,
        before: before ? { days: before.days, dayKind: before.dayKind } : null,
        after: { days: row.days, dayKind: row.dayKind },
      },
    });
    return row;
  });
  invalidateCalendarCache();
  return saved;
}

/** Removes an override: the unit falls back to its ancestors', the national rule or the default. */
export async function deleteDeadlineSetting({ db, actor, requestId, id }: UseCaseDeps & { id: string }): Promise<void> {
  assertAllowed(actor, can(actor, 'manage_deadlines'));
  await db.transaction(async (tx) => {
    const settings = createCalendarRepository({ db: tx });
    const row = await settings.findDeadlineSettingById(id);
    if (!row) throw createDeadlineSettingNotFoundError();
    assertAllowed(actor, can(actor, 'manage_deadlines', await governedPaths(tx, row.unitId)));
    await settings.deleteDeadlineSetting(id);
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'calendar.deadline_setting_deleted',
      subjectType: 'deadline_setting',
      subjectId: id,
      requestId: requestId ?? null,
      data: {
        unitId: row.unitId,
        requestType: row.requestType,
        milestone: row.milestone,
        before: { days: row.days, dayKind: row.dayKind },
      },
    });
  });
  invalidateCalendarCache();
}
