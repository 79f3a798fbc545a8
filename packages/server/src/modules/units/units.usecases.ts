import type { GovernorateCode, TrilingualName, UnitKind } from '@epeople/contracts';
import { auditActorOf } from '../../auth/actor.ts';
import { signalReferenceChange } from '../../db/reference-cache.ts';
import { createAuditRepository } from '../audit/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { assertAllowed, assertStaffOrSystem } from './units.access.ts';
import {
  createUnitCodeTakenError,
  createUnitNotFoundError,
  createUnitParentCycleError,
  createUnitParentNotFoundError,
} from './units.errors.ts';
import { can } from './units.policies.ts';
import { createUnitsRepository, type UnitPatch, type UnitRow } from './units.repository.ts';
import type { UnitPath } from './units.tree.ts';

/** Active units for everyone (agency names are public); inactive ones too for admin staff. */
export async function listUnits({ db, actor, includeInactive }: UseCaseDeps & { includeInactive: boolean }) {
  if (includeInactive) assertAllowed(actor, can(actor, 'list_inactive'));
  return createUnitsRepository({ db }).list({ includeInactive });
}

export interface CreateUnitInput {
  parentId: string | null;
  kind: UnitKind;
  code: string;
  name: TrilingualName;
  /** Omitted: inherited from the parent (a municipality lies in its governorate). */
  governorate?: GovernorateCode | null | undefined;
}

export async function createUnit({ db, actor, requestId, input }: UseCaseDeps & { input: CreateUnitInput }) {
  assertStaffOrSystem(actor);
  return db
    .transaction(async (tx) => {
      const units = createUnitsRepository({ db: tx });
      const tree = await units.loadTree();
      let parent: UnitRow | undefined;
      if (input.parentId) {
        parent = await units.findById(input.parentId);
        if (!parent) throw createUnitParentNotFoundError();
      }
      const parentPath: UnitPath = input.parentId ? tree.pathOf(input.parentId) : [];
      assertAllowed(actor, can(actor, 'create', { units: [parentPath] }));
      const created = await units.insert({
        parentId: input.parentId,
        kind: input.kind,
        code: input.code,
        nameAr: input.name.ar,
        nameFr: input.name.fr,
        nameEn: input.name.en,
        governorate: input.governorate === undefined ? (parent?.governorate ?? null) : input.governorate,
      });
      if (!created) throw createUnitCodeTakenError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'units.created',
        subjectType: 'unit',
        subjectId: created.id,
        requestId: requestId ?? null,
        data: { code: created.code, kind: created.kind, parentId: created.parentId },
      });
      return created;
    })
    .finally(() => signalReferenceChange('units'));
}

export interface UpdateUnitInput {
  parentId?: string | null | undefined;
  name?: TrilingualName | undefined;
  governorate?: GovernorateCode | null | undefined;
  isActive?: boolean | undefined;
}

export async function updateUnit({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: UpdateUnitInput }) {
  assertStaffOrSystem(actor);
  return db
    .transaction(async (tx) => {
      const units = createUnitsRepository({ db: tx });
      const unit = await units.findById(id);
      if (!unit) throw createUnitNotFoundError();
      const tree = await units.loadTree();
      assertAllowed(actor, can(actor, 'update', { units: [tree.pathOf(id)] }));
      const isMoving = input.parentId !== undefined && input.parentId !== unit.parentId;
      if (isMoving && input.parentId) {
        if (!tree.has(input.parentId)) throw createUnitParentNotFoundError();
        if (tree.isWithin(input.parentId, id)) throw createUnitParentCycleError();
      }
      if (isMoving) {
        // Moving is also a change at the destination: the actor must reach the new parent too,
        // and every unit that moves along (a `unit`-scoped admin does not carry units below it).
        const newParentPath: UnitPath = input.parentId ? tree.pathOf(input.parentId) : [];
        const moving = tree.subtreeOf(id).map((unitId) => tree.pathOf(unitId));
        assertAllowed(actor, can(actor, 'update', { units: [...moving, newParentPath] }));
      }
      const patch: UnitPatch = {
        ...(isMoving ? { parentId: input.parentId ?? null } : {}),
        ...(input.name ? { nameAr: input.name.ar, nameFr: input.name.fr, nameEn: input.name.en } : {}),
        ...(input.governorate !== undefined ? { governorate: input.governorate } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      };
      const updated = await units.update(id, patch, now);
      if (!updated) throw createUnitNotFoundError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'units.updated',
        subjectType: 'unit',
        subjectId: id,
        requestId: requestId ?? null,
        data: { before: pick(unit, patch), after: patch },
      });
      return updated;
    })
    .finally(() => signalReferenceChange('units'));
}

function pick(row: UnitRow, patch: UnitPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof UnitRow]]));
}
