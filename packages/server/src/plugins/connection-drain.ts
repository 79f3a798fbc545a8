import { Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** From now on every response closes its connection (the first step of stopping). */
    beginDrain(): void;
  }
}

/**
 * How long connections that are open but idle stay open after the listener closes. A client
 * answered with keep-alive just before SIGTERM may already have sent its next request, and
 * requests may wait unread in the socket while the event loop is busy: closing such a connection
 * as "idle" resets a request the client has sent (issue 8: 19 of 60). Within this window they
 * are read and answered with `Connection: close`. See docs/operations.md#stopping.
 */
export const DRAIN_SETTLE_MS = 500;

/**
 * While draining, every response says `Connection: close`, so each connection ends after the
 * answer it is carrying instead of waiting for a request that would find the server gone.
 */
export const connectionDrainPlugin = fp(
  async (app: FastifyInstance) => {
    let isDraining = false;
    app.decorate('beginDrain', () => {
      isDraining = true;
    });
    app.addHook('preClose', async () => {
      isDraining = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (isDraining) reply.header('connection', 'close');
    });
  },
  { name: 'connection-drain' },
);

/**
 * Stops in the order of docs/operations.md#stopping: stop accepting connections; answer what is
 * already sent on the open ones, each with `Connection: close`, for DRAIN_SETTLE_MS; close the
 * connections still idle; then wait for the requests in flight (app.close). The caller bounds the
 * whole by SHUTDOWN_GRACE_SECONDS.
 */
export async function closeGracefully(app: FastifyInstance): Promise<void> {
  app.beginDrain();
  const server = app.server;
  // net.Server's close stops listening only; http.Server's would also destroy every connection
  // not carrying a request at this instant, including those whose request is still unread.
  if (server.listening) NetServer.prototype.close.call(server);
  await new Promise((resolve) => setTimeout(resolve, DRAIN_SETTLE_MS));
  // One more turn of the event loop, so sockets readable by now are read before the sweep.
  await new Promise((resolve) => setImmediate(resolve));
  server.closeIdleConnections();
  await app.close();
}
