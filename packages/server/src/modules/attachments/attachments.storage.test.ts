import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AwsV4Signer } from 'aws4fetch';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import {
  type AttachmentStorage,
  createAttachmentStorage,
  newStorageKey,
  StoredObjectNotFoundError,
} from './attachments.storage.ts';
import { createLocalStorage } from './storage.local.ts';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256Of = async (content: Buffer) => {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(content).digest('hex');
};

function describeRoundTrip(name: string, open: () => AttachmentStorage) {
  it(`${name}: stores, streams back, tells existence and deletes an object`, async () => {
    const storage = open();
    const key = newStorageKey();
    const content = Buffer.from('%PDF-1.4 ملف تجريبي\n'.repeat(1000));
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, Readable.from([content.subarray(0, 100), content.subarray(100)]), {
      size: content.length,
      mediaType: 'application/pdf',
      sha256: await sha256Of(content),
    });
    expect(await storage.exists(key)).toBe(true);
    expect((await readAll(await storage.get(key))).equals(content)).toBe(true);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await storage.delete(key);
  });

  it(`${name}: refuses keys that are not its own random keys`, async () => {
    const storage = open();
    for (const key of ['../etc/passwd', 'ab/cd/../../x', 'ab/cd/ef', `zz/zz/${'z'.repeat(32)}`]) {
      await expect(storage.exists(key)).rejects.toThrow('Invalid storage key');
    }
  });
}

describe('attachment storage', () => {
  let folder: string;
  let s3: S3rver;
  let s3Endpoint: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-storage-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: join(folder, 's3rver'),
      configureBuckets: [{ name: 'epeople-test', configs: [] }],
    });
    const address = await s3.run();
    s3Endpoint = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await s3.close();
    await rm(folder, { recursive: true, force: true });
  });

  describeRoundTrip('local folder', () => createLocalStorage({ root: join(folder, 'local') }));
  describeRoundTrip('S3 (s3rver)', () =>
    createAttachmentStorage(
      loadConfig({
        S3_ENDPOINT: s3Endpoint,
        S3_BUCKET: 'epeople-test',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ),
  );

  it('the default is a sharded folder under DATA_DIR/attachments, with no temporary file left', async () => {
    const storage = createAttachmentStorage(loadConfig({ DATA_DIR: join(folder, 'data') }));
    expect(storage.kind).toBe('local');
    const key = newStorageKey();
    await storage.put(key, Buffer.from('x'), { size: 1, mediaType: 'image/png', sha256: 'unused' });
    const [shard1, shard2, id] = key.split('/') as [string, string, string];
    expect(id.startsWith(shard1 + shard2)).toBe(true);
    expect(await readdir(join(folder, 'data', 'attachments', shard1, shard2))).toEqual([id]);
  });

  it('a failed local write leaves neither the object nor a temporary file', async () => {
    const storage = createLocalStorage({ root: join(folder, 'failing') });
    const key = newStorageKey();
    const failing = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(key, failing, { size: 1, mediaType: 'image/png', sha256: '' })).rejects.toThrow();
    const [shard1, shard2] = key.split('/') as [string, string];
    expect(await readdir(join(folder, 'failing', shard1, shard2))).toEqual([]);
  });

  it('S3 requests are signed as in the AWS Signature V4 reference example (GET object with a range)', async () => {
    // docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "GET Object".
    const signer = new AwsV4Signer({
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      headers: {
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      service: 's3',
      region: 'us-east-1',
      datetime: '20130524T000000Z',
      allHeaders: true,
    });
    const signed = await signer.sign();
    // AWS prints the three parts separated by "," and aws4fetch by ", ": both are valid.
    expect(signed.headers.get('authorization')?.split(/,\s*/)).toEqual([
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request',
      'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date',
      'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    ]);
  });
});
