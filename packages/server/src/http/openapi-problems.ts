import { ERROR_CODES, type ErrorCode, PROBLEM_CONTENT_TYPE } from '@epeople/contracts';

/** What the document needs to know of a route to list the problems it can answer. */
export interface RouteProblemFacts {
  method: string;
  /** Problems of the route's own use cases (its module's `*.errors.ts`), declared on the route. */
  declared: readonly ErrorCode[];
  /** A route with a rate limit of its own answers 429. */
  isRateLimited: boolean;
  /** A route reading a body (POST, PUT, PATCH, DELETE) answers 413, 415 and malformed JSON. */
  readsBody: boolean;
}

/**
 * Problems any route may answer, whatever it does (src/plugins/problem-details.ts): a refused
 * input or URL (too long, or badly encoded, refused by the router before the route runs), the node refusing work while overloaded (src/plugins/load-shedding.ts) or its
 * database unreachable (src/db/database-unavailable.ts), and the internal error that says
 * nothing but the request id.
 */
const ANY_ROUTE: readonly ErrorCode[] = [
  'common.validation_failed',
  'common.uri_too_long',
  'text.forbidden_character',
  'common.overloaded',
  'common.unavailable',
  'common.internal',
];
/**
 * Problems of a request with a body: too large, not JSON, and the CSRF check that the session
 * plugin makes on every change sent with a session cookie (docs/adr/0004-sessions-and-csrf.md).
 */
const BODY_ROUTE: readonly ErrorCode[] = [
  'common.malformed_json',
  'common.payload_too_large',
  'common.unsupported_media_type',
  'common.csrf_invalid',
];

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in, or the credentials are wrong',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Content too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Understood but not processable',
  423: 'Locked',
  429: 'Too many requests: retry after `Retry-After` seconds',
  500: 'Internal error: only the request id is given',
  503: 'Unavailable for now (overloaded, or the database unreachable): retry after `Retry-After` seconds',
  507: 'Insufficient storage',
};

/** Every code this route may answer, grouped by HTTP status. */
export function problemCodesByStatus(facts: RouteProblemFacts): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>([
    ...ANY_ROUTE,
    ...(facts.readsBody ? BODY_ROUTE : []),
    ...(facts.isRateLimited ? (['common.rate_limited'] as const) : []),
    ...facts.declared,
  ]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes].sort()) {
    const status = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/**
 * The OpenAPI responses for those problems: `application/problem+json`, the shared `Problem`
 * schema, and the codes this status can carry on this route, so that a client can switch on them.
 */
export function problemResponses(
  facts: RouteProblemFacts,
  problemSchemaRef: string,
): Record<string, { description: string; content: Record<string, unknown> }> {
  const responses: Record<string, { description: string; content: Record<string, unknown> }> = {};
  for (const [status, codes] of problemCodesByStatus(facts)) {
    responses[String(status)] = {
      description: `${STATUS_NAMES[status] ?? 'Error'}: ${codes.map((code) => `\`${code}\``).join(', ')}`,
      ...(status === 429 || status === 503
        ? { headers: { 'retry-after': { description: 'Seconds to wait', schema: { type: 'string' } } } }
        : {}),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [{ $ref: problemSchemaRef }],
            properties: { status: { const: status }, code: { enum: codes } },
          },
        },
      },
    };
  }
  return responses;
}
