import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import { createLocalStorage } from './storage.local.ts';
import { createS3Storage } from './storage.s3.ts';

export interface StoredObjectMeta {
  size: number;
  mediaType: string;
  /** Hex SHA-256 of the content; S3 checks it on upload. */
  sha256: string;
}

/**
 * Where attachment bytes live: a local folder by default, S3-compatible object storage when
 * configured. Keys are made by `newStorageKey()`, never from anything a user sent.
 */
export interface AttachmentStorage {
  readonly kind: 'local' | 's3';
  put(key: string, content: Buffer | Readable, meta: StoredObjectMeta): Promise<void>;
  /** The content as a stream; throws `StoredObjectNotFoundError` when there is none. */
  get(key: string): Promise<Readable>;
  /** Removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class StoredObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored object ${key}`);
    this.name = 'StoredObjectNotFoundError';
  }
}

/** `ab/cd/abcd…` (128 random bits, hex), sharded so no folder grows past 65,536 entries. */
export function newStorageKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}

const STORAGE_KEY_PATTERN = /^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{28}$/;

/** Backends refuse any other key, so a key can never walk out of the folder or bucket. */
export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error('Invalid storage key');
}

export function createAttachmentStorage(config: Config): AttachmentStorage {
  if (config.S3_BUCKET) {
    return createS3Storage({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return createLocalStorage({ root: join(config.DATA_DIR, 'attachments') });
}

const storages = new WeakMap<AppContext, AttachmentStorage>();

/** One storage per application context (made on first use from its configuration). */
export function attachmentStorageFor(ctx: AppContext): AttachmentStorage {
  let storage = storages.get(ctx);
  if (!storage) {
    storage = createAttachmentStorage(ctx.config);
    storages.set(ctx, storage);
  }
  return storage;
}
