import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';

export type EndpointMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP endpoint of the API, declared once for the server and the web (docs/ARCHITECTURE.md):
 * the server registers its route from it (validation, serialisation, the OpenAPI operation) and
 * the web's `call(endpoint, ...)` infers the answer from it. `path` is relative to /api/v1, with
 * Fastify's `:name` parameters.
 */
export interface Endpoint {
  method: EndpointMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Headers the endpoint reads (an idempotency key, an access code). */
  headers?: z.ZodType;
  body?: z.ZodType;
  /** The successful answers by status; errors are problems, listed below. */
  responses: Partial<Record<200 | 201 | 202 | 204, z.ZodType>>;
  /** The problems of the endpoint's own use cases; the generic ones apply to every route (server src/http/openapi-problems.ts). */
  problems: readonly ErrorCode[];
}

/** Keeps the literal types of the declaration, so the web can infer paths, bodies and answers. */
export const defineEndpoint = <const E extends Endpoint>(endpoint: E): E => endpoint;

type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;
type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a successful call answers: the union of its success bodies. */
export type EndpointAnswer<E extends Endpoint> = {
  [S in keyof E['responses']]: OutputOf<E['responses'][S]>;
}[keyof E['responses']];
export type EndpointParams<E extends Endpoint> = InputOf<E['params']>;
export type EndpointQuery<E extends Endpoint> = InputOf<E['query']>;
export type EndpointBody<E extends Endpoint> = InputOf<E['body']>;

/** `/inbox/cases/:id/assign` with `{ id }` → `/inbox/cases/3f…/assign` (each value URI-encoded). */
export function endpointPath(endpoint: Endpoint, params: Record<string, string> | undefined): string {
  return endpoint.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${endpoint.operationId}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
