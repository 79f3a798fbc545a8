import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type Problem, problemTypeFor } from '@epeople/contracts';
import type { LoadPressure, LoadReadings } from './load-pressure.ts';

/** Seconds a refused client is asked to wait (Retry-After): long enough for a burst to pass. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;
/**
 * Paths never refused nor counted: an orchestrator must see a busy node alive (health) and know
 * whether to route to it (ready: it answers from memory and a one-row query), and the metrics
 * show the overload.
 */
const EXEMPT_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

export interface AdmissionGate {
  /**
   * Decides on the raw request, before Fastify routes it, reads its body or runs a hook: true
   * lets it through (counted until its response closes); false means the 503 is already sent.
   */
  admit(request: IncomingMessage, response: ServerResponse): boolean;
  /** Requests admitted and not yet answered. */
  inFlight(): number;
}

/**
 * Admission of one node (docs/operations.md#load-shedding). Refusing after Fastify's routing and
 * hooks cost a request object, a logger and the hooks' work per refusal, and under saturation the
 * refusals waited 75 ms at the median for their turn (issue 8): here a refusal is a comparison
 * and a few hundred bytes written, from the server's own 'request' event.
 */
export function createAdmissionGate({
  pressure,
  onRefused,
}: {
  pressure: LoadPressure;
  /** Told of each refusal, with the bound exceeded and the readings (for a rate-limited log line). */
  onRefused: (bound: string, readings: () => LoadReadings) => void;
}): AdmissionGate {
  let inFlight = 0;
  const release = () => {
    inFlight--;
  };
  return {
    inFlight: () => inFlight,
    admit(request, response) {
      const url = request.url ?? '/';
      const query = url.indexOf('?');
      if (EXEMPT_PATHS.has(query === -1 ? url : url.slice(0, query))) return true;
      const bound = pressure.overBound(inFlight);
      if (bound) {
        onRefused(bound, () => pressure.readings(inFlight));
        refuse(url, response);
        return false;
      }
      inFlight++;
      // 'close' fires once whether the answer was sent or the client went away mid-request.
      response.once('close', release);
      return true;
    },
  };
}

/** The same problem details as plugins/problem-details.ts's `sendProblem`, written by hand. */
function refuse(url: string, response: ServerResponse): void {
  const requestId = randomUUID();
  const problem: Problem = {
    type: problemTypeFor('common.overloaded'),
    title: 'Service Unavailable',
    status: 503,
    code: 'common.overloaded',
    requestId,
    instance: url.split('?')[0] ?? url,
    retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS,
  };
  const body = JSON.stringify(problem);
  response.writeHead(503, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-request-id': requestId,
  });
  response.end(body);
}
