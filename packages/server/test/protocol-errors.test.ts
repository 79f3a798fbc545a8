import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext, type TestContext } from './test-context.ts';

/** Protocol-level failures answer RFC 9457 problem details with a stable code and request id. */
describe('problem details for protocol errors', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false, env: { BODY_LIMIT_BYTES: '2048' } });
    app = await test.buildApp();
    // Routes that exist only in this test: one that validates a body, one that fails inside.
    app.post(
      '/api/test/echo',
      { schema: { hide: true, body: z.strictObject({ name: z.string().min(2), age: z.number().int() }) } },
      async (request) => request.body,
    );
    app.get('/api/test/explode', async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    await app.ready();
  });
  afterAll(async () => test.close());

  const expectProblem = (response: Awaited<ReturnType<typeof app.inject>>, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status, code, type: `urn:epeople:problem:${code}` });
    expect(body.requestId).toBe(response.headers['x-request-id']);
    return body;
  };

  it('answers an unknown route with 404 route_not_found', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'common.route_not_found');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "ab", ',
    });
    expectProblem(response, 400, 'common.malformed_json');
  });

  it('answers a body over the limit with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(4096), age: 1 }),
    });
    expectProblem(response, 413, 'common.payload_too_large');
  });

  it('answers a non-JSON content type with 415', async () => {
    const asText = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=ab',
    });
    expectProblem(asText, 415, 'common.unsupported_media_type');
    const asForm = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=ab',
    });
    expectProblem(asForm, 415, 'common.unsupported_media_type');
  });

  it('rejects unknown fields and wrong types, naming the fields', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { name: 'ab', age: 'old', admin: true },
    });
    const body = expectProblem(response, 400, 'common.validation_failed');
    const paths = body.errors.map((error: { path: string }) => error.path).join(' ');
    expect(paths).toContain('age');
    const valid = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { name: 'ab', age: 3 } });
    expect(valid.json()).toEqual({ name: 'ab', age: 3 });
  });

  it('hides the details of an internal error and keeps the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/explode' });
    const body = expectProblem(response, 500, 'common.internal');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.detail).toBeUndefined();
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI 3.1 document and its reference page', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/ready');
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('exposes Prometheus metrics with request counts by route template', async () => {
    await app.inject({ method: 'GET', url: '/api/health' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('job_queue_depth');
  });
});
