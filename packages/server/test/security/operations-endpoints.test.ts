import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * What a production server shows besides the product itself (issue: "what the platform sends in
 * its own name"; docs/SECURITY.md, 8.3.1 and 13.1). The threats and their tests:
 * - anyone reads /metrics: which routes are slow, how loaded the server is, the queue depths;
 * - anyone reads the full API reference of a deployment that did not choose to publish it.
 */
const TOKEN = 'scraper-token-0123456789abcdef';

describe('operations endpoints in production', () => {
  let withToken: TestContext;
  let withoutToken: TestContext;

  beforeAll(async () => {
    withToken = await createTestContext({ env: { NODE_ENV: 'production', METRICS_TOKEN: TOKEN } });
    withoutToken = await createTestContext({ env: { NODE_ENV: 'production', API_DOCS_PUBLIC: 'true' } });
  });
  afterAll(async () => {
    await withToken?.close();
    await withoutToken?.close();
  });

  it('a stranger cannot read /metrics without the token, nor with a wrong one', async () => {
    const app = await withToken.buildApp();
    const anonymous = await app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.json()).toMatchObject({ code: 'common.unauthenticated' });
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.body).not.toContain('http_requests_total');
    for (const authorization of [`Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
      expect(wrong.statusCode, authorization).toBe(401);
    }
    const scraper = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraper.statusCode).toBe(200);
    expect(scraper.body).toContain('http_requests_total');
  });

  it('a production server without METRICS_TOKEN serves no metrics at all', async () => {
    const app = await withoutToken.buildApp();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'common.route_not_found' });
  });

  it('a stranger cannot read the API reference of a deployment that did not publish it', async () => {
    const app = await withToken.buildApp();
    for (const url of ['/api/docs/', '/api/docs/json', '/api/openapi.json']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('/api/v1/inbox');
    }
    const published = await withoutToken.buildApp();
    const document = await published.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(document.statusCode).toBe(200);
    expect(document.json()).toMatchObject({ openapi: '3.1.0' });
  });
});
