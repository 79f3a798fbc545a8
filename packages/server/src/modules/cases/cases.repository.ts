import type { RequestType } from '@epeople/contracts';
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { units } from '../units/units.table.ts';
import {
  type CaseEventRow,
  type CaseRow,
  caseContributors,
  caseDrafts,
  caseEvents,
  caseNotifications,
  cases,
  type NewCaseRow,
} from './cases.table.ts';

/** Sequence names are fixed here, never taken from input. */
export const REFERENCE_SEQUENCES: Record<RequestType, string> = {
  petition: 'case_reference_petition_seq',
  guidance: 'case_reference_guidance_seq',
  suggestion: 'case_reference_suggestion_seq',
  notice: 'case_reference_notice_seq',
};

export interface NewCaseEvent {
  caseId: string;
  type: string;
  visibility: 'public' | 'internal';
  actorKind: 'citizen' | 'guest' | 'staff' | 'system';
  actorId: string | null;
  data?: Record<string, unknown>;
  /** The application's clock (tests move it); the database's when absent. */
  createdAt?: Date;
}

export interface NewCaseNotification {
  caseId: string;
  channel: 'email' | 'sms' | 'in_app';
  recipient: string;
  language: 'ar' | 'fr' | 'en';
  template: string;
  data?: Record<string, unknown>;
}

export type CasePatch = Partial<Omit<NewCaseRow, 'id' | 'reference' | 'createdAt'>>;

export interface UnitNames {
  id: string;
  ar: string;
  fr: string;
  en: string;
}

// The hot look-ups of tracking and filing, as named statements (see db/prepared.ts).
const byReference = preparedQuery((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.reference, sql.placeholder('reference')))
    .prepare('cases_by_reference'),
);
const publicEvents = preparedQuery((db) =>
  db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, sql.placeholder('caseId')), eq(caseEvents.visibility, 'public')))
    .orderBy(asc(caseEvents.seq))
    .prepare('cases_public_events'),
);
const allEvents = preparedQuery((db) =>
  db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, sql.placeholder('caseId')))
    .orderBy(asc(caseEvents.seq))
    .prepare('cases_all_events'),
);
const unitNamesById = preparedQuery((db) =>
  db
    .select({ id: units.id, ar: units.nameAr, fr: units.nameFr, en: units.nameEn })
    .from(units)
    .where(eq(units.id, sql.placeholder('unitId')))
    .prepare('cases_unit_names'),
);

export function createCasesRepository({ db }: { db: Database }) {
  return {
    async findByIdempotencyKey(submitterKey: string, idempotencyKey: string): Promise<CaseRow | undefined> {
      const [row] = await db
        .select()
        .from(cases)
        .where(and(eq(cases.submitterKey, submitterKey), eq(cases.idempotencyKey, idempotencyKey)));
      return row;
    },

    async findByReference(reference: string): Promise<CaseRow | undefined> {
      const [row] = await byReference(db).execute({ reference });
      return row;
    },

    async findById(id: string): Promise<CaseRow | undefined> {
      const [row] = await db.select().from(cases).where(eq(cases.id, id));
      return row;
    },

    /** In a transaction: the row locked until commit, so two transitions of one case serialise. */
    async findByReferenceForUpdate(reference: string): Promise<CaseRow | undefined> {
      const [row] = await db.select().from(cases).where(eq(cases.reference, reference)).for('update');
      return row;
    },

    async findByIdForUpdate(id: string): Promise<CaseRow | undefined> {
      const [row] = await db.select().from(cases).where(eq(cases.id, id)).for('update');
      return row;
    },

    async update(id: string, patch: CasePatch, now: Date): Promise<CaseRow> {
      const [row] = await db
        .update(cases)
        .set({ ...patch, updatedAt: now })
        .where(eq(cases.id, id))
        .returning();
      if (!row) throw new Error(`case ${id} vanished during an update`);
      return row;
    },

    async clearSealedAccessCode(id: string): Promise<void> {
      await db.update(cases).set({ accessCodeSealed: null }).where(eq(cases.id, id));
    },

    async insertEvents(events: readonly NewCaseEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db.insert(caseEvents).values(events.map((event) => ({ ...event, data: event.data ?? {} })));
    },

    async listEvents(caseId: string, { includeInternal }: { includeInternal: boolean }): Promise<CaseEventRow[]> {
      return (includeInternal ? allEvents : publicEvents)(db).execute({ caseId });
    },

    async insertNotifications(rows: readonly NewCaseNotification[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const inserted = await db
        .insert(caseNotifications)
        .values(rows.map((row) => ({ ...row, data: row.data ?? {} })))
        .returning({ id: caseNotifications.id });
      return inserted.map((row) => row.id);
    },

    async listNotifications(caseId: string) {
      return db
        .select()
        .from(caseNotifications)
        .where(eq(caseNotifications.caseId, caseId))
        .orderBy(asc(caseNotifications.createdAt));
    },

    async unitNames(unitId: string): Promise<UnitNames | undefined> {
      const [row] = await unitNamesById(db).execute({ unitId });
      return row;
    },

    async unitNamesMany(unitIds: readonly string[]): Promise<Map<string, UnitNames>> {
      if (unitIds.length === 0) return new Map();
      const rows = await db
        .select({ id: units.id, ar: units.nameAr, fr: units.nameFr, en: units.nameEn })
        .from(units)
        .where(inArray(units.id, [...new Set(unitIds)]));
      return new Map(rows.map((row) => [row.id, row]));
    },

    /** The unit and its ancestors, nearest first: what role reach is measured against. */
    async unitPath(unitId: string): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`WITH RECURSIVE path(id, parent_id, depth) AS (
              SELECT id, parent_id, 0 FROM units WHERE id = ${unitId}
              UNION ALL
              SELECT u.id, u.parent_id, p.depth + 1 FROM units u JOIN path p ON u.id = p.parent_id WHERE p.depth < 32
            ) SELECT id FROM path ORDER BY depth`,
      );
      return rows.map((row) => row.id);
    },

    async listDrafts(caseId: string) {
      return db.select().from(caseDrafts).where(eq(caseDrafts.caseId, caseId)).orderBy(asc(caseDrafts.createdAt));
    },

    async listContributors(caseId: string) {
      return db
        .select()
        .from(caseContributors)
        .where(eq(caseContributors.caseId, caseId))
        .orderBy(asc(caseContributors.createdAt));
    },

    /** A citizen's own cases, newest first; the cursor is the last row's (created_at, id). */
    async listByCitizen(
      citizenId: string,
      { limit, after }: { limit: number; after?: { createdAt: Date; id: string } | undefined },
    ): Promise<CaseRow[]> {
      const page = after
        ? or(lt(cases.createdAt, after.createdAt), and(eq(cases.createdAt, after.createdAt), lt(cases.id, after.id)))
        : undefined;
      return db
        .select()
        .from(cases)
        .where(and(eq(cases.citizenId, citizenId), page))
        .orderBy(desc(cases.createdAt), desc(cases.id))
        .limit(limit);
    },
  };
}
export type CasesRepository = ReturnType<typeof createCasesRepository>;
