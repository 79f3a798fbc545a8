import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { type Actor, ANONYMOUS, auditActorOf } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { createAuditRepository } from '../audit/index.ts';
import type { FindCaseForViewer } from './attachments.access.ts';
import { assertAnonymousMediaType, withoutMetadata } from './attachments.clean.ts';
import { createAttachmentNotFoundError, createTypeNotAllowedError } from './attachments.errors.ts';
import { sanitiseFileName } from './attachments.file-name.ts';
import {
  type AttachmentRow,
  anonymousFileName,
  createAttachmentsRepository,
  extensionOf,
} from './attachments.repository.ts';
import { ALLOWED_MEDIA_TYPES, type AllowedMediaType, type SniffTarget, sniffMediaType } from './attachments.sniff.ts';
import { type AttachmentStorage, newStorageKey, StoredObjectNotFoundError } from './attachments.storage.ts';
import type { ReceivedFile } from './attachments.upload.ts';

/**
 * Unlinked uploads made from an account older than this are removed (the filing form keeps them
 * for a day); those without one sooner, after `UNAUTHENTICATED_UPLOAD_TTL_MINUTES`.
 */
export const ORPHAN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Who an upload belongs to: linking checks the filer is its uploader. */
export function uploaderOf(actor: Actor): {
  uploadedByKind: AttachmentRow['uploadedByKind'];
  uploadedById: string | null;
} {
  const { actorId, actorKind } = auditActorOf(actor);
  return { uploadedByKind: actorKind, uploadedById: actorId };
}

async function fileTarget(path: string, size: number): Promise<{ target: SniffTarget; close(): Promise<void> }> {
  const handle = await open(path, 'r');
  return {
    target: {
      size,
      read: async (position, length) => {
        const safeLength = Math.max(0, Math.min(length, size - position));
        const buffer = Buffer.alloc(safeLength);
        const { bytesRead } = await handle.read(buffer, 0, safeLength, Math.max(0, position));
        return buffer.subarray(0, bytesRead);
      },
    },
    close: () => handle.close(),
  };
}

/** What is stored of one received file: its bytes as received, or without their metadata. */
interface Prepared {
  mediaType: AllowedMediaType;
  fileName: string;
  content: { path: string } | { bytes: Buffer };
  size: number;
  sha256: string;
}

/**
 * Checks each received file's type from its content, stores it under a random key and records
 * it, unlinked, for the filing to reference. Any refused file refuses the whole upload, and
 * nothing of it is kept.
 *
 * `anonymous`: the files are for an anonymous notice (docs/threat-model-anonymous-notice.md).
 * They are recorded as nobody's, with no request id in their audit rows; only PDF, JPEG and PNG
 * are accepted, and what is stored is the picture re-encoded or the PDF rewritten without its
 * metadata, named attachment-1.jpg, attachment-2.pdf... The bytes as received are never stored.
 */
export async function storeUploadedFiles({
  db,
  storage,
  actor,
  requestId,
  files,
  anonymous = false,
}: {
  db: Database;
  storage: AttachmentStorage;
  actor: Actor;
  requestId?: string;
  files: readonly ReceivedFile[];
  anonymous?: boolean;
}): Promise<AttachmentRow[]> {
  const uploaderActor = anonymous ? ANONYMOUS : actor;
  const checked: Array<{ file: ReceivedFile; mediaType: AllowedMediaType }> = [];
  for (const file of files) {
    const { target, close } = await fileTarget(file.path, file.size);
    const mediaType = await sniffMediaType(target).finally(close);
    if (!mediaType) throw createTypeNotAllowedError();
    if (anonymous) assertAnonymousMediaType(mediaType);
    checked.push({ file, mediaType });
  }
  const prepared: Prepared[] = [];
  for (const [index, { file, mediaType }] of checked.entries()) {
    if (!anonymous) {
      prepared.push({
        mediaType,
        fileName: sanitiseFileName(file.declaredName, mediaType),
        content: { path: file.path },
        size: file.size,
        sha256: file.sha256,
      });
      continue;
    }
    const bytes = await withoutMetadata(file.path, mediaType);
    prepared.push({
      mediaType,
      fileName: anonymousFileName(index + 1, ALLOWED_MEDIA_TYPES[mediaType]),
      content: { bytes },
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const stored: string[] = [];
  try {
    for (const { content, mediaType, size, sha256 } of prepared) {
      const key = newStorageKey();
      const body = 'bytes' in content ? content.bytes : createReadStream(content.path);
      await storage.put(key, body, { size, mediaType, sha256 });
      stored.push(key);
    }
    const uploader = uploaderOf(uploaderActor);
    return await db.transaction(async (tx) => {
      const rows = await createAttachmentsRepository({ db: tx }).insert(
        prepared.map(({ mediaType, fileName, size, sha256 }, index) => ({
          storageKey: stored[index] as string,
          fileName,
          mediaType,
          sizeBytes: size,
          sha256,
          isAnonymous: anonymous,
          ...uploader,
        })),
      );
      const audit = createAuditRepository({ db: tx });
      for (const row of rows) {
        await audit.record({
          ...auditActorOf(uploaderActor),
          action: 'attachments.uploaded',
          subjectType: 'attachment',
          subjectId: row.id,
          requestId: anonymous ? null : (requestId ?? null),
          data: { mediaType: row.mediaType, size: row.sizeBytes, sha256: row.sha256 },
        });
      }
      return rows;
    });
  } catch (error) {
    await Promise.allSettled(stored.map((key) => storage.delete(key)));
    throw error;
  }
}

/**
 * Of these upload ids, those an anonymous notice may not carry: unlinked uploads that were not
 * made for an anonymous notice (from a session, or with their metadata). The caller refuses
 * the request with a code of its own rather than link them.
 */
export async function listUploadsNotForAnonymousNotice({
  db,
  attachmentIds,
}: {
  db: Database;
  attachmentIds: readonly string[];
}): Promise<string[]> {
  return createAttachmentsRepository({ db }).listUnlinkedNotAnonymous([...new Set(attachmentIds)]);
}

/**
 * For the filing (and "add a document"): links the actor's unlinked uploads to a case, inside
 * the caller's transaction. Answers the ids actually linked; an id missing from the answer was
 * unknown, already linked, or uploaded by someone else, and the caller refuses the request.
 * Attachment ids are random UUIDs: for a guest, holding the id is what entitles linking it.
 */
export async function linkAttachmentsToCase({
  db,
  actor,
  attachmentIds,
  caseId,
  now,
  anonymousNotice = false,
}: {
  db: Database;
  actor: Actor;
  attachmentIds: readonly string[];
  caseId: string;
  now: Date;
  /** The case is an anonymous notice: only uploads made for one, numbered after its files. */
  anonymousNotice?: boolean;
}): Promise<string[]> {
  const unique = [...new Set(attachmentIds)];
  const repository = createAttachmentsRepository({ db });
  if (!anonymousNotice) {
    const rows = await repository.link(unique, caseId, uploaderOf(actor).uploadedById, now);
    return rows.map((row) => row.id);
  }
  const earlier = await repository.countByCase(caseId);
  const rows = await repository.link(unique, caseId, null, now, { anonymousOnly: true });
  for (const row of rows) {
    await repository.rename(row.id, anonymousFileName(earlier + unique.indexOf(row.id) + 1, extensionOf(row.fileName)));
  }
  return rows.map((row) => row.id);
}

/** A case's attachments (for its page); the caller has already checked the viewer may see the case. */
export async function listCaseAttachments({ db, caseId }: { db: Database; caseId: string }) {
  return createAttachmentsRepository({ db }).listByCase(caseId);
}

/**
 * The content of one attachment, for whoever may see its case (tracking's rules). An attachment
 * of another case answers the same not-found as a missing one. Staff downloads are audited
 * (a view of a citizen's documents); citizens' own are not.
 */
export async function openCaseAttachment({
  db,
  config,
  storage,
  actor,
  reference,
  accessCode,
  client,
  attachmentId,
  requestId,
  findCaseForViewer,
}: {
  db: Database;
  config: Config;
  storage: AttachmentStorage;
  /** Given by the cases module: who may see the case (attachments.access.ts). */
  findCaseForViewer: FindCaseForViewer;
  actor: Actor;
  reference: string;
  accessCode?: string | undefined;
  client?: string | undefined;
  attachmentId: string;
  requestId?: string;
}): Promise<{ attachment: AttachmentRow; content: Readable }> {
  const theCase = await findCaseForViewer({ db, config, actor, reference, accessCode, client });
  const attachment = await createAttachmentsRepository({ db }).findById(attachmentId);
  if (!attachment || attachment.caseId !== theCase.id) throw createAttachmentNotFoundError();
  let content: Readable;
  try {
    content = await storage.get(attachment.storageKey);
  } catch (error) {
    if (error instanceof StoredObjectNotFoundError) throw createAttachmentNotFoundError();
    throw error;
  }
  if (actor.kind === 'staff') {
    await createAuditRepository({ db }).record({
      ...auditActorOf(actor),
      action: 'attachments.downloaded',
      subjectType: 'attachment',
      subjectId: attachment.id,
      requestId: requestId ?? null,
      data: { caseId: theCase.id },
    });
  }
  return { attachment, content };
}

/**
 * Removes uploads never linked to a case in time (a day for those made from an account,
 * `withoutAccountMaxAgeMs` for the others): the row first, then the stored object.
 */
export async function removeOrphanAttachments({
  db,
  storage,
  now,
  withoutAccountMaxAgeMs,
  batchSize = 200,
}: {
  db: Database;
  storage: AttachmentStorage;
  now: Date;
  withoutAccountMaxAgeMs: number;
  batchSize?: number;
}): Promise<number> {
  const repository = createAttachmentsRepository({ db });
  const orphans = await repository.listUnlinkedBefore(
    {
      withAccount: new Date(now.getTime() - ORPHAN_MAX_AGE_MS),
      withoutAccount: new Date(now.getTime() - withoutAccountMaxAgeMs),
    },
    batchSize,
  );
  let removed = 0;
  for (const orphan of orphans) {
    if (!(await repository.deleteIfUnlinked(orphan.id))) continue;
    await storage.delete(orphan.storageKey);
    removed++;
  }
  return removed;
}
