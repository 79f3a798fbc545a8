import type { Readable } from 'node:stream';
import type { SignedAnswer } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { type Actor, auditActorOf } from '../../../auth/actor.ts';
import { attachmentStorageFor, StoredObjectNotFoundError } from '../../attachments/index.ts';
import { createAuditRepository } from '../../audit/index.ts';
import { locateCase } from '../../cases/index.ts';
import { logIndexFor } from '../../transparency-log/index.ts';
import { createAnswerNotFoundError, createNotSignedYetError, createReceiptNotReadyError } from '../answers.errors.ts';
import { verificationUrlOf } from '../answers.letter.ts';
import { toSignedAnswerDto } from '../answers.presenter.ts';
import { createAnswersRepository } from '../answers.repository.ts';
import type { SignedAnswerRow } from '../answers.table.ts';
import { answerReceipt } from './answer-log-check.ts';

interface CaseAccess {
  ctx: AppContext;
  actor: Actor;
  reference: string;
  accessCode?: string | undefined;
  /** The caller's address, which wrong access codes count against. */
  client?: string | undefined;
}

/** The answers of a case, to whoever may see the case (its owner, its access code, its staff). */
export async function listCaseAnswers({
  ctx,
  actor,
  reference,
  accessCode,
  client,
}: CaseAccess): Promise<SignedAnswer[]> {
  const db = ctx.database.db;
  const { theCase } = await locateCase({ db, config: ctx.config, actor, locator: { reference, accessCode, client } });
  const rows = await createAnswersRepository({ db }).listForCase(theCase.id);
  return Promise.all(
    rows.map(async (row) => {
      const logIndex = row.status === 'signed' ? await logIndexFor(db, row.id) : null;
      return toSignedAnswerDto(row, theCase.reference, logIndex, verificationUrlOf(ctx.config.PUBLIC_URL, row.id));
    }),
  );
}

export const ANSWER_FILES = {
  letter: { mediaType: 'application/pdf', extension: 'pdf' },
  record: { mediaType: 'application/json', extension: 'json' },
  recordSignature: { mediaType: 'application/pkcs7-signature', extension: 'p7s' },
  receipt: { mediaType: 'text/plain; charset=utf-8', extension: 'tlog-proof' },
} as const;
export type AnswerFile = keyof typeof ANSWER_FILES;

/**
 * One file of a signed answer. Staff downloads of the letter (it names the citizen) are audited,
 * as attachment downloads are.
 */
export async function openAnswerFile({
  ctx,
  actor,
  reference,
  accessCode,
  client,
  answerId,
  file,
  requestId,
}: CaseAccess & { answerId: string; file: AnswerFile; requestId?: string }): Promise<{
  fileName: string;
  mediaType: string;
  content: Uint8Array | Readable;
  sizeBytes?: number;
}> {
  const db = ctx.database.db;
  const { theCase } = await locateCase({ db, config: ctx.config, actor, locator: { reference, accessCode, client } });
  const answer = await createAnswersRepository({ db }).findById(answerId);
  if (!answer || answer.caseId !== theCase.id) throw createAnswerNotFoundError();
  if (answer.status !== 'signed') throw createNotSignedYetError();
  const { mediaType, extension } = ANSWER_FILES[file];
  const fileName = `${theCase.reference}-${answerId.slice(0, 8)}${file === 'letter' ? '' : `-${file}`}.${extension}`;
  const content = await fileContent(ctx, answer, file);
  if (file === 'letter' && actor.kind === 'staff') {
    await createAuditRepository({ db }).record({
      ...auditActorOf(actor),
      action: 'answers.letter_downloaded',
      subjectType: 'signed_answer',
      subjectId: answer.id,
      requestId: requestId ?? null,
      data: { caseId: theCase.id },
    });
  }
  if ('bytes' in content) return { fileName, mediaType, content: content.bytes, sizeBytes: content.bytes.byteLength };
  return {
    fileName,
    mediaType,
    content: content.stream,
    ...(content.size !== undefined ? { sizeBytes: content.size } : {}),
  };
}

async function fileContent(
  ctx: AppContext,
  answer: SignedAnswerRow,
  file: AnswerFile,
): Promise<{ bytes: Uint8Array } | { stream: Readable; size?: number }> {
  switch (file) {
    case 'record':
      return { bytes: new TextEncoder().encode(answer.record ?? '') };
    case 'recordSignature':
      return { bytes: answer.recordSignature ?? new Uint8Array() };
    case 'receipt': {
      const facts = await createAnswersRepository({ db: ctx.database.db }).publicFacts({ id: answer.id });
      const receipt = facts ? await answerReceipt(ctx, facts) : null;
      if (!receipt) throw createReceiptNotReadyError();
      return { bytes: new TextEncoder().encode(receipt.receipt) };
    }
    case 'letter':
      try {
        return {
          // Set whenever the answer is signed (a CHECK constraint says so).
          stream: await attachmentStorageFor(ctx).get(answer.letterStorageKey as string),
          ...(answer.letterSize !== null ? { size: answer.letterSize } : {}),
        };
      } catch (error) {
        if (error instanceof StoredObjectNotFoundError) throw createAnswerNotFoundError();
        throw error;
      }
  }
}
