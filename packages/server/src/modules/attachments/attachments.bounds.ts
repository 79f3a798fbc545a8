import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_UPLOAD } from '@epeople/contracts';
import type { Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import {
  createAddressQuotaExceededError,
  createCapacityReachedError,
  createStorageFullError,
} from './attachments.errors.ts';
import { createAttachmentsRepository } from './attachments.repository.ts';

/**
 * Bounds on what uploads may store. Anyone may upload without an account (guests, anonymous
 * reporters), so without bounds a script could fill the disk: per client address, bytes within
 * the unlinked-upload lifetime; in total, the unlinked uploads without an account held at once;
 * and for every upload, the free space left on the disks the upload is written to.
 */

/** The most a multipart upload can carry: five files at the size limit, and their part headers. */
const LARGEST_UPLOAD_BYTES = MAX_ATTACHMENTS_PER_UPLOAD * MAX_ATTACHMENT_BYTES + 64 * 1024;

/** What an admitted upload holds until it is stored (settle) or refused (release). */
export interface UploadAdmission {
  settle(storedBytes: number): void;
  release(): void;
}

const ADMITTED_WITHOUT_BOUNDS: UploadAdmission = { settle() {}, release() {} };

/**
 * Bytes uploaded per client address within a sliding window, in this process's memory only:
 * an address is never written to the database, a file or a log (an anonymous reporter's
 * address next to the time of an upload would point at them; docs/threat-model-anonymous-notice.md).
 * Addresses are kept as keyed hashes under a key made at start and never stored, so a memory
 * dump does not list them either. Each app node counts its own clients.
 */
export function createAddressLedger({
  limitBytes,
  windowMs,
  now = () => Date.now(),
}: {
  limitBytes: number;
  windowMs: number;
  now?: () => number;
}) {
  const key = randomBytes(32);
  const uploads = new Map<string, Array<{ at: number; bytes: number }>>();
  const keyOf = (address: string) => createHmac('sha256', key).update(address).digest('base64url').slice(0, 22);

  function recent(addressKey: string) {
    const cutoff = now() - windowMs;
    const kept = (uploads.get(addressKey) ?? []).filter((upload) => upload.at > cutoff);
    if (kept.length === 0) uploads.delete(addressKey);
    else uploads.set(addressKey, kept);
    return kept;
  }

  return {
    /** Holds `bytes` for this address, or refuses when its window would pass the limit. */
    reserve(address: string, bytes: number): UploadAdmission {
      const addressKey = keyOf(address);
      const held = recent(addressKey);
      const used = held.reduce((total, upload) => total + upload.bytes, 0);
      if (used + bytes > limitBytes) {
        const oldest = held[0]?.at ?? now();
        throw createAddressQuotaExceededError(Math.max(1, Math.ceil((oldest + windowMs - now()) / 1000)));
      }
      // A flood of addresses must not grow the map without end: forget the whole ledger then,
      // as the rate limiter does; the total bound still holds.
      if (uploads.size >= 100_000 && !uploads.has(addressKey)) uploads.clear();
      const entry = { at: now(), bytes };
      uploads.set(addressKey, [...held, entry]);
      return {
        settle(storedBytes) {
          entry.bytes = storedBytes;
        },
        release() {
          entry.bytes = 0;
        },
      };
    },
  };
}
export type AddressLedger = ReturnType<typeof createAddressLedger>;

/** Folders an upload is written to: the temporary spool, and the attachments folder unless S3 holds them. */
export async function uploadDiskPaths(config: Config): Promise<string[]> {
  if (config.S3_BUCKET) return [tmpdir()];
  const root = join(config.DATA_DIR, 'attachments');
  await mkdir(root, { recursive: true });
  return [tmpdir(), root];
}

/** Refuses (507) when any of these folders' disks would keep less than `minFreeBytes` free. */
export async function assertDiskHasRoom(paths: readonly string[], minFreeBytes: number, incomingBytes: number) {
  for (const path of paths) {
    const disk = await statfs(path);
    if (disk.bavail * disk.bsize - incomingBytes < minFreeBytes) throw createStorageFullError();
  }
}

/** The size an upload says it has (its Content-Length), capped at what the parser would accept. */
export function declaredUploadBytes(contentLength: string | undefined): number {
  const declared = Number(contentLength);
  return Number.isSafeInteger(declared) && declared > 0
    ? Math.min(declared, LARGEST_UPLOAD_BYTES)
    : LARGEST_UPLOAD_BYTES;
}

/**
 * Lets an upload in, or refuses it before a byte is read: a nearly full disk refuses anyone
 * (507); an upload without an account must also fit its address's allowance (429) and the total
 * held by all uploads without an account (503). The admission is settled with the bytes stored.
 */
export async function admitUpload({
  db,
  config,
  ledger,
  actor,
  clientAddress,
  declaredBytes,
}: {
  db: Database;
  config: Config;
  ledger: AddressLedger;
  actor: Actor;
  clientAddress: string;
  declaredBytes: number;
}): Promise<UploadAdmission> {
  await assertDiskHasRoom(await uploadDiskPaths(config), config.UPLOAD_MIN_FREE_BYTES, declaredBytes);
  if (actor.kind !== 'anonymous') return ADMITTED_WITHOUT_BOUNDS;
  const admission = ledger.reserve(clientAddress, declaredBytes);
  try {
    const held = await createAttachmentsRepository({ db }).sumUnlinkedUnauthenticatedBytes();
    if (held + declaredBytes > config.UNAUTHENTICATED_UPLOAD_BYTES_TOTAL) throw createCapacityReachedError(60);
  } catch (error) {
    admission.release();
    throw error;
  }
  return admission;
}
