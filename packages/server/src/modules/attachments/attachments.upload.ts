import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../http/app-error.ts';
import { createNoFilesError, createTooLargeError, createTooManyError } from './attachments.errors.ts';

/** One received file, spooled to a private temporary folder; nothing is trusted yet. */
export interface ReceivedFile {
  path: string;
  declaredName: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  files: ReceivedFile[];
  /** Removes the temporary folder; call it whatever happens next. */
  discard(): Promise<void>;
}

/** @fastify/multipart's errors for limits and malformed bodies, as our stable codes. */
function toAppError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return createTooLargeError();
    case 'FST_FILES_LIMIT':
      return createTooManyError();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_PREMATURE_CLOSE':
      return new AppError('common.validation_failed', { detail: 'Malformed multipart body.', cause: error });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('common.unsupported_media_type', { detail: 'Send the files as multipart/form-data.' });
    default:
      // busboy's own parse errors ("Unexpected end of form", "Malformed part header") are bad input too.
      if (error instanceof Error && !(error as { statusCode?: number }).statusCode) {
        return new AppError('common.validation_failed', { detail: 'Malformed multipart body.', cause: error });
      }
      return error;
  }
}

/**
 * Streams every file part of a multipart request to disk, hashing as it goes. The size limit is
 * enforced by the parser while streaming: an oversized part is cut at the limit (the rest is
 * discarded unread, never buffered) and the request fails with `attachments.too_large`.
 */
export async function receiveUpload(request: FastifyRequest): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new AppError('common.unsupported_media_type', { detail: 'Send the files as multipart/form-data.' });
  }
  const folder = await mkdtemp(join(tmpdir(), 'epeople-upload-'));
  const discard = () => rm(folder, { recursive: true, force: true });
  const files: ReceivedFile[] = [];
  try {
    for await (const part of request.files()) {
      files.push(await spool(part, join(folder, randomUUID())));
    }
    if (files.length === 0) throw createNoFilesError();
    return { files, discard };
  } catch (error) {
    await discard();
    throw toAppError(error);
  }
}

async function spool(part: MultipartFile, path: string): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(part.file, measure, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  if (part.file.truncated) throw createTooLargeError();
  return { path, declaredName: part.filename, size, sha256: hash.digest('hex') };
}
