import type { FastifyRequest } from 'fastify';
import './anonymous-request.ts';

/**
 * How a request appears in the log (pino's `req` serializer, used by Fastify's "incoming
 * request", "request completed" and error lines). The route's template stands for the URL, so
 * no value from the path or the query string is written: references, search words and tokens
 * stay out of the log. The client address is written only once the request is known not to be
 * an anonymous reporter's (`isAnonymousRequest === false`, decided before its handler runs): a
 * log line with an address at the time a notice was filed would point at its reporter
 * (docs/threat-model-anonymous-notice.md). The incoming line, written before that is known,
 * never has it.
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.routeOptions?.url ?? '(no route)',
    ...(request.isAnonymousRequest === false ? { remoteAddress: request.ip } : {}),
  };
}
