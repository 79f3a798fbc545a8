import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import './anonymous-request.ts';

/**
 * How a request appears in the log (pino's `req` serializer). The route's template stands for
 * the URL, so no value from the path or the query string is written: references, search words
 * and tokens stay out of the log. The client address is written only once the request is known
 * not to be an anonymous reporter's (`isAnonymousRequest === false`, decided before its handler
 * runs): a log line with an address at the time a notice was filed would point at its reporter
 * (docs/threat-model-anonymous-notice.md).
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.routeOptions?.url ?? '(no route)',
    ...(request.isAnonymousRequest === false ? { remoteAddress: request.ip } : {}),
  };
}

/**
 * Fastify's request log lines, with the request described where it is known: the "incoming
 * request" line comes before anyone knows whether the request is anonymous, so the address, when
 * it may be written, is on the "request completed" line instead (Fastify's own has no request).
 */
export class RequestLogController extends LogController {
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  /** Fastify's line names the raw URL; the template (none here) is all the log may hold. */
  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: request }, 'route not found');
  }
}
