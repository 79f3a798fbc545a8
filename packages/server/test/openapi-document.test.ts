import { Validator } from '@seriousme/openapi-schema-validator';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_RULESET } from './openapi-ruleset.ts';
import { createTestContext, type TestContext } from './test-context.ts';

interface Operation {
  operationId?: string;
  description?: string;
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/**
 * The served OpenAPI document, checked by tools that are not ours: the OpenAPI 3.1 schema
 * validator and Spectral's `spectral:oas` rules (test/openapi-ruleset.ts says which are off and
 * why). Its agreement with what the server answers is checked by the replay (test/openapi-replay.ts).
 */
describe('the OpenAPI document', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let document: Document;
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
    app = await test.buildApp();
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => test.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has no finding, error or warning, under Spectral’s spectral:oas rules', async () => {
    const spectral = new spectralCore.Spectral();
    spectral.setRuleset(OPENAPI_RULESET as never);
    const findings = await spectral.run(
      new spectralCore.Document(JSON.stringify(document), spectralParsers.Json, 'openapi.json'),
    );
    expect(findings.map((finding) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`)).toEqual([]);
  });

  it('gives every operation an id and a description, and documents its problems as application/problem+json', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(90);
    const ids = new Set(all.map(({ operation }) => operation.operationId));
    expect(ids.size).toBe(all.length);
    for (const { label, operation } of all) {
      expect(operation.operationId, label).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(operation.description?.length ?? 0, label).toBeGreaterThan(10);
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(
        errors.map(([status]) => status),
        label,
      ).toEqual(expect.arrayContaining(['400', '500', '503']));
      for (const [status, response] of errors) {
        expect(Object.keys(response.content ?? {}), `${label} ${status}`).toContain('application/problem+json');
      }
    }
  });

  it('describes the bodies that are not JSON objects and the files the downloads answer', () => {
    const op = (path: string, method = 'post') => document.paths[path]?.[method] as Operation;
    expect(Object.keys(op('/api/v1/verify').requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/pdf',
    ]);
    expect(Object.keys(op('/api/v1/attachments').requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(op('/api/v1/auth/second-factor/enrol').requestBody).toBeDefined();
    expect(op('/api/v1/auth/sign-out').requestBody).toBeDefined();
    const answerFile = op('/api/v1/cases/{reference}/answers/{id}/{file}', 'get');
    expect(Object.keys(answerFile.responses['200']?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/pdf',
      'application/pkcs7-signature',
      'text/plain',
    ]);
    const attachment = op('/api/v1/cases/{reference}/attachments/{id}', 'get');
    expect(Object.keys(attachment.responses['200']?.content ?? {})).toContain('application/pdf');
    expect(
      Object.keys(op('/api/v1/cases').responses)
        .filter((status) => status.startsWith('2'))
        .sort(),
    ).toEqual(['200', '201']);
  });
});
