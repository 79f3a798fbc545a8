import { describe, expect, it } from 'vitest';
import { createResponseChecker, type OpenApiDocumentLike, type RecordedResponse } from './openapi-replay.ts';

/** The replay's checker (test/openapi-replay.ts), on a small document: it must catch each kind of drift. */
describe('the replay of answers through the OpenAPI document', () => {
  const document = {
    openapi: '3.1.0',
    paths: {
      '/api/v1/cases/{reference}': {
        get: {
          responses: {
            200: {
              content: {
                'application/json': {
                  schema: { type: 'object', required: ['reference'], properties: { reference: { type: 'string' } } },
                },
              },
            },
            404: {
              content: {
                'application/problem+json': {
                  schema: {
                    allOf: [{ $ref: '#/components/schemas/Problem' }],
                    properties: { code: { enum: ['cases.not_found'] } },
                  },
                },
              },
            },
          },
        },
      },
      '/api/v1/me/cases': { get: { responses: { 204: { description: 'none' } } } },
    },
    components: {
      schemas: {
        Problem: { type: 'object', required: ['code', 'status'], properties: { code: { type: 'string' } } },
      },
    },
  } as unknown as OpenApiDocumentLike;
  const check = createResponseChecker(document);
  const answer = (overrides: Partial<RecordedResponse>): RecordedResponse => ({
    method: 'get',
    path: '/api/v1/cases/PT-2026-000001',
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ reference: 'PT-2026-000001' }),
    ...overrides,
  });

  it('accepts an answer the document describes', () => {
    expect(check(answer({}))).toBeUndefined();
    expect(
      check(
        answer({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'cases.not_found', status: 404 }),
        }),
      ),
    ).toBeUndefined();
  });

  it('refuses an undocumented status, content type, body shape or problem code', () => {
    expect(check(answer({ status: 409 }))).toMatch(/status not documented/);
    expect(check(answer({ contentType: 'text/html' }))).toMatch(/content type "text\/html" not documented/);
    expect(check(answer({ body: JSON.stringify({ ref: 1 }) }))).toMatch(/reference/);
    expect(
      check(
        answer({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'cases.locked', status: 404 }),
        }),
      ),
    ).toMatch(/allowed values/);
    expect(check(answer({ path: '/api/v1/me/cases', status: 204, body: '{}' }))).toMatch(
      /a body where the document says none/,
    );
  });

  it('prefers a literal path to a template that would also match it', () => {
    expect(check(answer({ path: '/api/v1/me/cases', status: 204, body: '' }))).toBeUndefined();
  });
});
