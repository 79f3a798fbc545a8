import type { TrilingualName } from '@epeople/contracts';
import { auditActorOf } from '../../auth/actor.ts';
import { signalReferenceChange } from '../../db/reference-cache.ts';
import { createAuditRepository } from '../audit/index.ts';
import { assertAllowed } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import {
  createCategoryCodeTakenError,
  createCategoryNotFoundError,
  createCategoryParentCycleError,
  createCategoryParentNotFoundError,
} from './categories.errors.ts';
import { can } from './categories.policies.ts';
import { type CategoryPatch, type CategoryRow, createCategoriesRepository } from './categories.repository.ts';

/** Active categories for everyone (citizens pick one when filing); inactive ones for staff. */
export async function listCategories({ db, actor, includeInactive }: UseCaseDeps & { includeInactive: boolean }) {
  if (includeInactive) assertAllowed(actor, can(actor, 'list_inactive'));
  return createCategoriesRepository({ db }).list({ includeInactive });
}

export interface CreateCategoryInput {
  parentId: string | null;
  code: string;
  name: TrilingualName;
}

export async function createCategory({ db, actor, requestId, input }: UseCaseDeps & { input: CreateCategoryInput }) {
  assertAllowed(actor, can(actor, 'manage'));
  return db
    .transaction(async (tx) => {
      const categories = createCategoriesRepository({ db: tx });
      if (input.parentId && !(await categories.findById(input.parentId))) throw createCategoryParentNotFoundError();
      const created = await categories.insert({
        parentId: input.parentId,
        code: input.code,
        nameAr: input.name.ar,
        nameFr: input.name.fr,
        nameEn: input.name.en,
      });
      if (!created) throw createCategoryCodeTakenError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'categories.created',
        subjectType: 'category',
        subjectId: created.id,
        requestId: requestId ?? null,
        data: { code: created.code, parentId: created.parentId },
      });
      return created;
    })
    .finally(() => signalReferenceChange('categories'));
}

export interface UpdateCategoryInput {
  parentId?: string | null | undefined;
  name?: TrilingualName | undefined;
  isActive?: boolean | undefined;
}

export async function updateCategory({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: UpdateCategoryInput }) {
  assertAllowed(actor, can(actor, 'manage'));
  return db
    .transaction(async (tx) => {
      const categories = createCategoriesRepository({ db: tx });
      const category = await categories.findById(id);
      if (!category) throw createCategoryNotFoundError();
      const isMoving = input.parentId !== undefined && input.parentId !== category.parentId;
      if (isMoving && input.parentId) {
        if (!(await categories.findById(input.parentId))) throw createCategoryParentNotFoundError();
        if (await categories.isWithin(input.parentId, id)) throw createCategoryParentCycleError();
      }
      const patch: CategoryPatch = {
        ...(isMoving ? { parentId: input.parentId ?? null } : {}),
        ...(input.name ? { nameAr: input.name.ar, nameFr: input.name.fr, nameEn: input.name.en } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      };
      const updated = await categories.update(id, patch, now);
      if (!updated) throw createCategoryNotFoundError();
      await createAuditRepository({ db: tx }).record({
        ...auditActorOf(actor),
        action: 'categories.updated',
        subjectType: 'category',
        subjectId: id,
        requestId: requestId ?? null,
        data: { before: pick(category, patch), after: patch },
      });
      return updated;
    })
    .finally(() => signalReferenceChange('categories'));
}

function pick(row: CategoryRow, patch: CategoryPatch): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof CategoryRow]]));
}
