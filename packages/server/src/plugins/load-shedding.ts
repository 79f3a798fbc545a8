import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createAdmissionGate } from '../http/admission-gate.ts';
import { createLoadPressure, type LoadBounds } from '../http/load-pressure.ts';

export { OVERLOAD_RETRY_AFTER_SECONDS } from '../http/admission-gate.ts';

/** At most one "shedding load" log line per this many milliseconds, however many are refused. */
const LOG_INTERVAL_MS = 1_000;

export interface LoadSheddingOptions {
  bounds: LoadBounds;
  databaseWaiting: () => number;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Overload is refused, not queued (issue 8; docs/operations.md#load-shedding). Beyond a bound of
 * work in progress a request answers 503 `common.overloaded` with Retry-After from the HTTP
 * server's own 'request' event, before Fastify routes it, builds its request and reply, runs a
 * hook, reads its body or touches the database (http/admission-gate.ts). 2,000 connections used
 * to queue for 13 s and time out; refused in Fastify's first hook, the refusals still took 75 ms.
 *
 * Fastify listens on the server it created with its handler as the one 'request' listener; that
 * listener is put behind the gate, so Fastify's own server settings (time-outs, keep-alive) stay.
 * `app.inject` does not go through the server, so it is never shed.
 */
async function loadShedding(app: FastifyInstance, options: LoadSheddingOptions): Promise<void> {
  const pressure = createLoadPressure(options.bounds, options.databaseWaiting);
  app.addHook('onClose', async () => pressure.stop());
  let lastLoggedAt = 0;
  const gate = createAdmissionGate({
    pressure,
    onRefused(bound, readings) {
      const now = Date.now();
      if (now - lastLoggedAt < LOG_INTERVAL_MS) return;
      lastLoggedAt = now;
      app.log.warn({ bound, ...readings() }, 'shedding load: refusing requests with 503');
    },
  });
  const server = app.server;
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1)
    throw new Error(`load shedding expects Fastify's one request listener, found ${listeners.length}`);
  const [fastifyHandler] = listeners as [RequestListener];
  server.removeListener('request', fastifyHandler);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (gate.admit(request, response)) fastifyHandler(request, response);
  });
}

export const loadSheddingPlugin = fp(loadShedding, { name: 'load-shedding' });
