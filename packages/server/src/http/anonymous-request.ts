import { ACCESS_CODE_HEADER } from '@epeople/contracts';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Says, once the request is validated, whether it comes from an anonymous reporter (the
     * filing of an anonymous notice, an upload for one). Such a request is served as nobody's.
     */
    isAnonymousRequest?: (request: FastifyRequest) => boolean;
  }
  interface FastifyRequest {
    /**
     * Whether the request is served as nobody's: null until it is known (the session plugin
     * decides before the handler runs). Until it is false, no log line carries the client address.
     */
    isAnonymousRequest: boolean | null;
  }
}

/**
 * A request made with an access code comes from whoever holds the code (a guest, an anonymous
 * reporter): it is known as such from its headers, before anything else runs.
 */
export const presentsAccessCode = (request: FastifyRequest): boolean =>
  request.headers[ACCESS_CODE_HEADER] !== undefined;

/**
 * An anonymous reporter's request is served as nobody's (docs/threat-model-anonymous-notice.md):
 * any session cookie it carries is neither used nor touched (its last-seen time would date the
 * notice), it acts as the anonymous actor, and its log lines carry no client address. That is a
 * request presenting an access code, or one its route declares anonymous.
 */
export function isAnonymousRequest(request: FastifyRequest): boolean {
  return presentsAccessCode(request) || (request.routeOptions.config.isAnonymousRequest?.(request) ?? false);
}
