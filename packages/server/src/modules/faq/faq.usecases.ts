import type { RequestType } from '@epeople/contracts';
import { auditActorOf } from '../../auth/actor.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import { assertAllowed, assertStaffOrSystem, createUnitsRepository, type UnitPath } from '../units/index.ts';
import type { UseCaseDeps } from '../use-case-deps.ts';
import { createFaqCategoryNotFoundError, createFaqNotFoundError, createFaqUnitNotFoundError } from './faq.errors.ts';
import { can } from './faq.policies.ts';
import { createFaqRepository, type FaqEntryPatch, type FaqRepository } from './faq.repository.ts';
import { createSearchRepository, type SearchWords } from './search.repository.ts';

interface Trilingual {
  ar: string;
  fr: string;
  en: string;
}

export async function listPublishedFaq({ db, categoryId }: { db: Database; categoryId?: string | undefined }) {
  return createFaqRepository({ db }).list({ publishedOnly: true, categoryId });
}

/** Staff view: every entry the actor may manage (unpublished ones included). */
export async function listFaqForStaff({
  db,
  actor,
  categoryId,
  unitId,
}: UseCaseDeps & { categoryId?: string; unitId?: string }) {
  assertStaffOrSystem(actor);
  assertAllowed(actor, can(actor, 'manage'));
  const entries = await createFaqRepository({ db }).list({ publishedOnly: false, categoryId, unitId });
  const tree = await createUnitsRepository({ db }).loadTree();
  return entries.filter((entry) => can(actor, 'manage', { units: [pathOf(tree, entry.unitId)] }));
}

function pathOf(tree: { pathOf(id: string): UnitPath }, unitId: string | null): UnitPath {
  return unitId ? tree.pathOf(unitId) : [];
}

async function checkReferences(faq: FaqRepository, input: { unitId?: string | null; categoryId?: string | null }) {
  if (input.unitId && !(await faq.unitExists(input.unitId))) throw createFaqUnitNotFoundError();
  if (input.categoryId && !(await faq.categoryExists(input.categoryId))) throw createFaqCategoryNotFoundError();
}

export interface CreateFaqEntryInput {
  categoryId: string | null;
  unitId: string | null;
  question: Trilingual;
  answer: Trilingual;
  isPublished: boolean;
}

export async function createFaqEntry({ db, actor, requestId, input }: UseCaseDeps & { input: CreateFaqEntryInput }) {
  assertStaffOrSystem(actor);
  return db.transaction(async (tx) => {
    const faq = createFaqRepository({ db: tx });
    await checkReferences(faq, input);
    const tree = await createUnitsRepository({ db: tx }).loadTree();
    assertAllowed(actor, can(actor, 'manage', { units: [pathOf(tree, input.unitId)] }));
    const created = await faq.insert({
      categoryId: input.categoryId,
      unitId: input.unitId,
      questionAr: input.question.ar,
      questionFr: input.question.fr,
      questionEn: input.question.en,
      answerAr: input.answer.ar,
      answerFr: input.answer.fr,
      answerEn: input.answer.en,
      isPublished: input.isPublished,
    });
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'faq.created',
      subjectType: 'faq_entry',
      subjectId: created.id,
      requestId: requestId ?? null,
      data: { unitId: created.unitId, categoryId: created.categoryId, isPublished: created.isPublished },
    });
    return created;
  });
}

export interface UpdateFaqEntryInput {
  categoryId?: string | null | undefined;
  unitId?: string | null | undefined;
  question?: Trilingual | undefined;
  answer?: Trilingual | undefined;
  isPublished?: boolean | undefined;
}

export async function updateFaqEntry({
  db,
  actor,
  now = new Date(),
  requestId,
  id,
  input,
}: UseCaseDeps & { id: string; input: UpdateFaqEntryInput }) {
  assertStaffOrSystem(actor);
  return db.transaction(async (tx) => {
    const faq = createFaqRepository({ db: tx });
    const entry = await faq.findById(id);
    if (!entry) throw createFaqNotFoundError();
    await checkReferences(faq, input);
    const tree = await createUnitsRepository({ db: tx }).loadTree();
    const targets = [pathOf(tree, entry.unitId)];
    if (input.unitId !== undefined) targets.push(pathOf(tree, input.unitId));
    // An entry out of reach is "not found" for an agency administrator, as in the list.
    if (!can(actor, 'manage', { units: [targets[0] as UnitPath] })) {
      assertAllowed(actor, can(actor, 'manage'));
      throw createFaqNotFoundError();
    }
    assertAllowed(actor, can(actor, 'manage', { units: targets }));
    const patch: FaqEntryPatch = {
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
      ...(input.question
        ? { questionAr: input.question.ar, questionFr: input.question.fr, questionEn: input.question.en }
        : {}),
      ...(input.answer ? { answerAr: input.answer.ar, answerFr: input.answer.fr, answerEn: input.answer.en } : {}),
      ...(input.isPublished !== undefined ? { isPublished: input.isPublished } : {}),
    };
    const updated = await faq.update(id, patch, now);
    if (!updated) throw createFaqNotFoundError();
    await createAuditRepository({ db: tx }).record({
      ...auditActorOf(actor),
      action: 'faq.updated',
      subjectType: 'faq_entry',
      subjectId: id,
      requestId: requestId ?? null,
      data: { fields: Object.keys(patch) },
    });
    return updated;
  });
}

const MAX_WORDS = 12;
const ARABIC_LETTER = /[\u0600-\u06FF]/u;

/** Splits what a citizen typed into words (letters and digits, Arabic marks kept) by script. */
export function searchWordsOf(query: string): SearchWords {
  const words = [...new Set((query.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3))];
  const chosen = words.slice(0, MAX_WORDS);
  return {
    arabic: chosen.filter((word) => ARABIC_LETTER.test(word)),
    latin: chosen.filter((word) => !ARABIC_LETTER.test(word)),
  };
}

/**
 * Before filing: published FAQ answers and earlier public cases similar to what the citizen is
 * writing (public: consented to publication and answered; title, outcome and reference only).
 */
export async function searchSimilar({
  db,
  query,
  type,
  categoryId,
  limit = 5,
}: {
  db: Database;
  query: string;
  type?: RequestType | undefined;
  categoryId?: string | undefined;
  limit?: number;
}) {
  const words = searchWordsOf(query);
  if (words.arabic.length + words.latin.length === 0) return { cases: [], faq: [] };
  const search = createSearchRepository({ db });
  const [faq, cases] = await Promise.all([
    search.searchFaq(words, { categoryId }, limit),
    search.searchPublicCases(words, { type, categoryId }, limit),
  ]);
  return { faq, cases };
}
