import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createLoadPressure, type LoadBounds } from '../http/load-pressure.ts';
import { sendProblem } from './problem-details.ts';

/** Seconds a refused client is asked to wait (Retry-After): long enough for a burst to pass. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;
/** Routes never refused nor counted: an orchestrator must see a busy node alive, and its metrics. */
const EXEMPT_ROUTES = new Set(['/api/health', '/metrics']);
/** At most one "shedding load" log line per this many milliseconds, however many are refused. */
const LOG_INTERVAL_MS = 1_000;

export interface LoadSheddingOptions {
  bounds: LoadBounds;
  databaseWaiting: () => number;
}

/**
 * Overload is refused, not queued (issue 8; docs/operations.md#load-shedding). Beyond a bound of
 * work in progress a request answers 503 `common.overloaded` with Retry-After in the first hook,
 * before its body is read or the database is touched, so a refusal costs microseconds and the
 * requests admitted keep their latency. 2,000 connections used to queue for 13 s and time out.
 */
async function loadShedding(app: FastifyInstance, options: LoadSheddingOptions): Promise<void> {
  const pressure = createLoadPressure(options.bounds, options.databaseWaiting);
  app.addHook('onClose', async () => pressure.stop());
  let inFlight = 0;
  let lastLoggedAt = 0;

  app.addHook('onRequest', (request, reply, done) => {
    if (EXEMPT_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const bound = pressure.overBound(inFlight);
    if (bound) {
      const now = Date.now();
      if (now - lastLoggedAt >= LOG_INTERVAL_MS) {
        lastLoggedAt = now;
        request.log.warn({ bound, ...pressure.readings(inFlight) }, 'shedding load: refusing requests with 503');
      }
      sendProblem(request, reply, 503, 'common.overloaded', { retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS });
      return;
    }
    inFlight++;
    // 'close' fires once whether the answer was sent or the client went away mid-request.
    reply.raw.once('close', () => {
      inFlight--;
    });
    done();
  });
}

export const loadSheddingPlugin = fp(loadShedding, { name: 'load-shedding' });
