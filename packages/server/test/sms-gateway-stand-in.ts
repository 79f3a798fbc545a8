import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  text: string;
  idempotencyKey: string | undefined;
}

/**
 * A real HTTP server on a free local port speaking the protocol of the app's SMS gateway client
 * (modules/sms/sms.gateway.ts): `POST` of JSON `{ to, text, sender }` with a bearer token and an
 * `Idempotency-Key`, answered with `{ id }`. It keeps every message it is asked to send, so a test
 * sees exactly what would have left for a phone.
 */
export async function startSmsGatewayStandIn(token: string) {
  const received: ReceivedSms[] = [];
  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
  };
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      if (request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(401).end();
        return;
      }
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      received.push({ to: body.to, text: body.text, idempotencyKey });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: `stand-in-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
