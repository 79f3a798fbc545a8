import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { users } from '../accounts/accounts.table.ts';
import { caseDrafts, cases } from '../cases/cases.table.ts';
import { units } from '../units/units.table.ts';
import { type NewSignedAnswerRow, type SignedAnswerRow, signedAnswers } from './answers.table.ts';

/** What signing needs to know: the answer, its case, its unit (and parent), the sender, the text. */
export interface AnswerToSign {
  answer: SignedAnswerRow;
  reference: string;
  title: string;
  filedAt: Date;
  citizenName: string | null;
  answerText: string;
  unit: { code: string; nameAr: string; nameFr: string; nameEn: string };
  parentUnit: { nameAr: string; nameFr: string; nameEn: string } | null;
  senderName: string | null;
}

export interface PublicAnswerFacts {
  answer: SignedAnswerRow;
  reference: string;
  unit: { code: string; nameAr: string; nameFr: string; nameEn: string };
}

export interface SignedResult {
  letterStorageKey: string;
  letterSize: number;
  letterSha256: string;
  record: string;
  recordSignature: Uint8Array;
  recordSha256: string;
  certificateSha256: string;
  isTestSignature: boolean;
  signedAt: Date;
}

const unitColumns = { code: units.code, nameAr: units.nameAr, nameFr: units.nameFr, nameEn: units.nameEn };

export function createAnswersRepository({ db }: { db: Database }) {
  return {
    async insertPending(row: NewSignedAnswerRow): Promise<SignedAnswerRow> {
      const [inserted] = await db.insert(signedAnswers).values(row).returning();
      if (!inserted) throw new Error('signed answer insert answered no row');
      return inserted;
    },

    async findById(id: string): Promise<SignedAnswerRow | undefined> {
      const [row] = await db.select().from(signedAnswers).where(eq(signedAnswers.id, id));
      return row;
    },

    async listForCase(caseId: string): Promise<SignedAnswerRow[]> {
      return db
        .select()
        .from(signedAnswers)
        .where(eq(signedAnswers.caseId, caseId))
        .orderBy(asc(signedAnswers.issuedAt), asc(signedAnswers.id));
    },

    /** The latest signed answer of a case, if any. */
    async latestSignedForCase(caseId: string): Promise<SignedAnswerRow | undefined> {
      const [row] = await db
        .select()
        .from(signedAnswers)
        .where(and(eq(signedAnswers.caseId, caseId), eq(signedAnswers.status, 'signed')))
        .orderBy(sql`${signedAnswers.issuedAt} DESC`)
        .limit(1);
      return row;
    },

    async listSigningIds(): Promise<string[]> {
      const rows = await db
        .select({ id: signedAnswers.id })
        .from(signedAnswers)
        .where(eq(signedAnswers.status, 'signing'))
        .orderBy(asc(signedAnswers.issuedAt));
      return rows.map((row) => row.id);
    },

    async loadForSigning(id: string): Promise<AnswerToSign | undefined> {
      const parent = alias(units, 'parent_unit');
      const citizen = alias(users, 'citizen');
      const sender = alias(users, 'sender');
      const [row] = await db
        .select({
          answer: signedAnswers,
          reference: cases.reference,
          title: cases.title,
          filedAt: cases.createdAt,
          isAnonymous: cases.isAnonymous,
          guestName: cases.guestName,
          citizenName: citizen.fullName,
          answerText: caseDrafts.body,
          unit: unitColumns,
          parentUnit: { nameAr: parent.nameAr, nameFr: parent.nameFr, nameEn: parent.nameEn },
          senderName: sender.fullName,
        })
        .from(signedAnswers)
        .innerJoin(cases, eq(cases.id, signedAnswers.caseId))
        .innerJoin(caseDrafts, eq(caseDrafts.id, signedAnswers.draftId))
        .innerJoin(units, eq(units.id, signedAnswers.unitId))
        .leftJoin(parent, eq(parent.id, units.parentId))
        .leftJoin(citizen, eq(citizen.id, cases.citizenId))
        .leftJoin(sender, eq(sender.id, signedAnswers.sentBy))
        .where(eq(signedAnswers.id, id));
      if (!row) return undefined;
      const { isAnonymous, guestName, citizenName, parentUnit, ...rest } = row;
      return {
        ...rest,
        citizenName: isAnonymous ? null : (citizenName ?? guestName ?? null),
        parentUnit: parentUnit?.nameAr ? (parentUnit as AnswerToSign['parentUnit']) : null,
      };
    },

    /** The public facts of an answer, found by its id or by its signed letter's hash. */
    async publicFacts(by: { id: string } | { letterSha256: string }): Promise<PublicAnswerFacts | undefined> {
      const [row] = await db
        .select({ answer: signedAnswers, reference: cases.reference, unit: unitColumns })
        .from(signedAnswers)
        .innerJoin(cases, eq(cases.id, signedAnswers.caseId))
        .innerJoin(units, eq(units.id, signedAnswers.unitId))
        .where('id' in by ? eq(signedAnswers.id, by.id) : eq(signedAnswers.letterSha256, by.letterSha256));
      return row;
    },

    /** A failed signing attempt: counted and explained (the job retries). */
    async recordFailure(id: string, error: string): Promise<void> {
      await db
        .update(signedAnswers)
        .set({ attempts: sql`${signedAnswers.attempts} + 1`, lastError: error.slice(0, 500) })
        .where(and(eq(signedAnswers.id, id), eq(signedAnswers.status, 'signing')));
    },

    /** Signed: answers undefined when another worker signed it first (its result stands). */
    async markSigned(id: string, result: SignedResult): Promise<SignedAnswerRow | undefined> {
      const [row] = await db
        .update(signedAnswers)
        .set({ ...result, status: 'signed', lastError: null })
        .where(and(eq(signedAnswers.id, id), eq(signedAnswers.status, 'signing')))
        .returning();
      return row;
    },
  };
}
