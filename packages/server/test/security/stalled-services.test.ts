import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { newStorageKey } from '../../src/modules/attachments/attachments.storage.ts';
import { createS3Storage } from '../../src/modules/attachments/storage.s3.ts';
import { createMailTransport } from '../../src/modules/mail/mail.transport-factory.ts';

/**
 * The same class as the frozen database: a service outside the process that stops answering must
 * not hold a request, a job or a shutdown forever. An object store that accepts connections and
 * never answers, a mail server that never greets: each call fails once its bound has passed.
 */
describe('services that stop answering', () => {
  const opened: Array<HttpServer | TcpServer> = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(opened.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function listen<T extends HttpServer | TcpServer>(server: T): Promise<number> {
    opened.push(server);
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  it('an object store that never answers fails the upload and the download instead of holding them', async () => {
    // Reads the request and never responds.
    const port = await listen(createHttpServer((request) => request.resume()));
    const storage = createS3Storage({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'attachments',
      region: 'us-east-1',
      accessKeyId: 'test',
      secretAccessKey: 'test-secret',
      forcePathStyle: true,
      requestTimeoutMs: 300,
    });
    const key = newStorageKey();
    const content = Buffer.from('%PDF-1.7 a citizen’s document');
    await expect(
      storage.put(key, Readable.from([content]), { size: content.length, mediaType: 'application/pdf', sha256: 'x' }),
    ).rejects.toThrow(/did not answer within 300 ms/);
    await expect(storage.get(key)).rejects.toThrow(/did not answer within 300 ms/);
  });

  it('a mail server that accepts and never greets fails the delivery, which the job then retries', async () => {
    const port = await listen(createTcpServer(() => {}));
    const transport = createMailTransport({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'ePeople <no-reply@epeople.localhost>',
      publicUrl: 'http://localhost:3000',
      timeoutsMs: { connection: 300, greeting: 300, socket: 300 },
    });
    try {
      await expect(
        transport.send({ id: 'stalled-1', to: 'amina@example.tn', subject: 'Test', text: 'Test', html: '<p>Test</p>' }),
      ).rejects.toThrow(/Greeting never received|Timeout/i);
    } finally {
      transport.close();
    }
  });
});
