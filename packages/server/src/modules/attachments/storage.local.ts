import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AttachmentStorage, assertStorageKey, StoredObjectNotFoundError } from './attachments.storage.ts';

/**
 * Attachments in a local folder. A write goes to a temporary file beside the target and is
 * renamed into place, so a reader never sees half a file and a crash leaves no partial object.
 */
export function createLocalStorage({ root }: { root: string }): AttachmentStorage {
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(root, key);
  };
  return {
    kind: 'local',

    async put(key, content) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
        await pipeline(source, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch {
        throw new StoredObjectNotFoundError(key);
      }
      return createReadStream(path);
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async exists(key) {
      const path = pathOf(key);
      try {
        return (await stat(path)).isFile();
      } catch {
        return false;
      }
    },
  };
}
