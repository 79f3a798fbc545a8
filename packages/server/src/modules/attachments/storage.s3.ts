import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { type AttachmentStorage, assertStorageKey, StoredObjectNotFoundError } from './attachments.storage.ts';

export interface S3StorageOptions {
  /** e.g. https://s3.eu-west-3.amazonaws.com or http://127.0.0.1:9000; AWS's regional endpoint when absent. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://endpoint/bucket/key instead of https://bucket.endpoint/key (MinIO and most others). */
  forcePathStyle: boolean;
  /**
   * How long a request may wait for the store's answer (its headers; a download then streams).
   * A store that stops answering must not hold a citizen's upload, or a shutdown, forever.
   */
  requestTimeoutMs?: number;
}

export const S3_REQUEST_TIMEOUT_MS = 30_000;

/**
 * S3-compatible object storage through plain HTTP requests signed with AWS Signature V4
 * (aws4fetch: no SDK). Uploads send the content's SHA-256, so the store verifies what it keeps.
 */
export function createS3Storage(options: S3StorageOptions): AttachmentStorage {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: 2,
  });
  const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
  const urlOf = (key: string): string => {
    assertStorageKey(key);
    const url = new URL(endpoint);
    const basePath = url.pathname.replace(/\/$/, '');
    if (options.forcePathStyle) {
      url.pathname = `${basePath}/${encodeURIComponent(options.bucket)}/${key}`;
    } else {
      url.hostname = `${options.bucket}.${url.hostname}`;
      url.pathname = `${basePath}/${key}`;
    }
    return url.toString();
  };
  const timeoutMs = options.requestTimeoutMs ?? S3_REQUEST_TIMEOUT_MS;
  /** A signed request that gives up when no answer has come within the timeout. */
  const send = async (key: string, init: RequestInit): Promise<Response> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`S3 did not answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return await client.fetch(urlOf(key), { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };
  const fail = async (response: Response, what: string): Promise<never> => {
    await response.body?.cancel();
    throw new Error(`S3 ${what} failed with HTTP ${response.status}`);
  };

  return {
    kind: 's3',

    async put(key, content, meta) {
      // S3 needs the length up front (no chunked uploads); attachments are at most a few MB.
      const body = Buffer.isBuffer(content) ? content : await collect(content, meta.size);
      const response = await send(key, {
        method: 'PUT',
        body: new Uint8Array(body) as Uint8Array<ArrayBuffer>,
        headers: { 'content-type': meta.mediaType, 'x-amz-content-sha256': meta.sha256 },
      });
      if (!response.ok) await fail(response, 'upload');
      await response.body?.cancel();
    },

    async get(key) {
      const response = await send(key, { method: 'GET' });
      if (response.status === 404) {
        await response.body?.cancel();
        throw new StoredObjectNotFoundError(key);
      }
      if (!response.ok || !response.body) return fail(response, 'download');
      return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    },

    async delete(key) {
      const response = await send(key, { method: 'DELETE' });
      if (!response.ok && response.status !== 404) await fail(response, 'delete');
      await response.body?.cancel();
    },

    async exists(key) {
      const response = await send(key, { method: 'HEAD' });
      await response.body?.cancel();
      if (response.status === 404) return false;
      if (!response.ok) return fail(response, 'lookup');
      return true;
    },
  };
}

async function collect(stream: Readable, expectedSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > expectedSize) throw new Error('Content longer than declared');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
