import type { Endpoint } from '@epeople/contracts';

/**
 * The Fastify route schema of an endpoint declared in the contracts (packages/contracts/src/endpoint.ts):
 * validation of params, query, headers and body, serialisation of the answers, and the OpenAPI
 * operation (its id, its words, the problems its use cases answer; src/http/openapi-document.ts).
 */
export function endpointSchema<const E extends Endpoint>(endpoint: E, tags: readonly string[]) {
  const schema = {
    tags,
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: endpoint.description ?? endpoint.summary,
    params: endpoint.params as E['params'],
    querystring: endpoint.query as E['query'],
    headers: endpoint.headers as E['headers'],
    body: endpoint.body as E['body'],
    response: endpoint.responses as E['responses'],
    openapi: { problems: endpoint.problems },
  };
  // A part the endpoint does not declare is left out, not set to undefined: Fastify warns at
  // every start about a schema key present without a schema (FSTWRN001).
  for (const key of ['params', 'querystring', 'headers', 'body'] as const) {
    if (schema[key] === undefined) delete schema[key];
  }
  return schema;
}
