import {
  type Endpoint,
  type EndpointAnswer,
  type EndpointBody,
  type EndpointParams,
  type EndpointQuery,
  endpointPath,
} from '@epeople/contracts';
import { apiRequest } from './client.ts';

type Present<Key extends string, Value> = [Value] extends [undefined]
  ? { [K in Key]?: undefined }
  : { [K in Key]: Value };

/** What a call sends: the endpoint's path parameters, query and body, each required when it has one. */
export type CallInput<E extends Endpoint> = Present<'params', EndpointParams<E>> &
  Present<'query', EndpointQuery<E>> &
  Present<'body', EndpointBody<E>> & {
    signal?: AbortSignal;
    /** Extra headers: an access code, an idempotency key. */
    headers?: Record<string, string | undefined>;
    /** Sent without cookies or CSRF token (docs/threat-model-anonymous-notice.md; see client.ts). */
    anonymous?: boolean;
  };

/**
 * Calls an endpoint declared in the contracts (packages/contracts/src/endpoints/): the path, the
 * method and the shapes come from the declaration, and the answer's type is inferred from it, so
 * no page writes its own copy of what the server answers.
 */
export function call<E extends Endpoint>(endpoint: E, input: CallInput<E>): Promise<EndpointAnswer<E>> {
  const { params, query, body, ...options } = input as {
    params?: Record<string, string>;
    query?: Record<string, string | undefined>;
    body?: unknown;
    signal?: AbortSignal;
    headers?: Record<string, string | undefined>;
    anonymous?: boolean;
  };
  const sent = body === undefined && endpoint.method !== 'GET' ? {} : body;
  return apiRequest<EndpointAnswer<E>>(endpoint.method, endpointPath(endpoint, params), {
    ...options,
    query,
    body: endpoint.method === 'GET' ? undefined : sent,
  });
}
