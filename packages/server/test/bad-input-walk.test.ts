import { PROBLEM_CONTENT_TYPE } from '@epeople/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/modules/seed/index.ts';
import { signIn } from './accounts-helpers.ts';
import { createWalker, type OpenApiDocument, type OpenApiOperation } from './openapi-walker.ts';
import { createTestContext, type TestContext } from './test-context.ts';

/**
 * Walks every route of the served OpenAPI document with malformed, oversize, wrongly typed and
 * missing inputs, and requires a 4xx problem response (or success), never a 5xx.
 */
const BODY_LIMIT = 16 * 1024;

/** Each walk sends thousands of requests, and the routes keep growing: more than the default 30 s on a loaded machine. */
const WALK_TIMEOUT_MS = 180_000;

describe('bad input on every route of the OpenAPI document', () => {
  let test: TestContext;
  let app: FastifyInstance;
  let document: OpenApiDocument;
  beforeAll(async () => {
    test = await createTestContext({
      env: {
        BODY_LIMIT_BYTES: String(BODY_LIMIT),
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        FILING_RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    app = await test.buildApp();
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => test.close());

  let failures: string[] = [];
  /** Answers by status class, so a test can show the walk got past validation into handlers. */
  let answered: Record<string, number> = {};
  const check = async (
    operation: OpenApiOperation,
    label: string,
    request: InjectOptions,
    headers: Record<string, string> = {},
  ) => {
    const response: LightMyRequestResponse = await app.inject({
      ...request,
      headers: { ...headers, ...request.headers },
    });
    const statusClass = `${Math.floor(response.statusCode / 100)}xx`;
    answered[statusClass] = (answered[statusClass] ?? 0) + 1;
    const where = `${operation.method} ${operation.path} [${label}] → ${response.statusCode}`;
    if (response.statusCode >= 500) failures.push(`${where}: ${response.body.slice(0, 300)}`);
    else if (response.statusCode >= 400) {
      const type = String(response.headers['content-type'] ?? '');
      const body = type.startsWith(PROBLEM_CONTENT_TYPE) ? response.json() : undefined;
      if (!body?.code || !body.requestId) failures.push(`${where}: not a problem response (${type})`);
    }
    return response;
  };

  async function walk(operations: OpenApiOperation[], headers: Record<string, string>) {
    const walker = createWalker(document);
    for (const operation of operations) {
      const method = operation.method as InjectOptions['method'];
      const url = walker.fillPath(operation);
      const query = walker.validQuery(operation);
      if (operation.path.includes('{')) {
        for (const malformed of ['not-a-uuid', '0', 'x'.repeat(3000), "' OR 1=1 --"]) {
          await check(
            operation,
            `path ${malformed.slice(0, 10)}`,
            {
              method,
              url: walker.fillPath(operation, malformed),
              query,
              ...(operation.body ? { payload: walker.validValue(operation.body) as object } : {}),
            },
            headers,
          );
        }
      }
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        await check(
          operation,
          `query ${parameter.name} wrong`,
          { method, url, query: { ...query, [parameter.name]: '%%%zz' } },
          headers,
        );
      }
      await check(operation, 'query unknown parameter', { method, url, query: { ...query, unexpected: '1' } }, headers);
      if (!operation.body) {
        await check(operation, 'valid', { method, url, query }, headers);
        continue;
      }
      await check(
        operation,
        'valid body',
        { method, url, query, payload: walker.validValue(operation.body) as object },
        headers,
      );
      for (const { label, payload } of walker.badBodies(operation.body)) {
        await check(
          operation,
          label,
          { method, url, query, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } },
          headers,
        );
      }
      await check(
        operation,
        'malformed JSON',
        { method, url, payload: '{"a": ', headers: { 'content-type': 'application/json' } },
        headers,
      );
      await check(operation, 'no body', { method, url, headers: { 'content-type': 'application/json' } }, headers);
      await check(
        operation,
        'text/plain',
        { method, url, payload: 'a=b', headers: { 'content-type': 'text/plain' } },
        headers,
      );
      await check(
        operation,
        'oversize',
        {
          method,
          url,
          payload: JSON.stringify({ x: 'x'.repeat(BODY_LIMIT * 2) }),
          headers: { 'content-type': 'application/json' },
        },
        headers,
      );
    }
  }

  /** Routes that end the walker's own session go last. */
  const sessionEndingLast = (operations: OpenApiOperation[]) => {
    const ends = (o: OpenApiOperation) =>
      o.path.endsWith('/auth/sign-out') || (o.method === 'DELETE' && o.path.endsWith('/me'));
    return [...operations.filter((o) => !ends(o)), ...operations.filter(ends)];
  };

  const headersOf = (session: { cookie: string; csrfToken: string }) => ({
    cookie: `epeople_session=${session.cookie}`,
    'x-csrf-token': session.csrfToken,
  });

  it('the document lists the routes of every module', () => {
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/v1/auth/sign-in',
      '/api/v1/me',
      '/api/v1/admin/units',
      '/api/v1/admin/staff',
      '/api/v1/admin/categories',
      '/api/v1/admin/routing-rules',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it(
    'finds no 5xx and no non-problem error as an anonymous caller',
    async () => {
      failures = [];
      await walk(createWalker(document).operations(), {});
      expect(failures).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'finds no 5xx as a signed-in system administrator (past authorisation, into the use cases)',
    async () => {
      failures = [];
      answered = {};
      await seedDemoAccounts(test.ctx);
      const admin = DEMO_ACCOUNTS.find((account) => account.role?.role === 'system_admin');
      const session = await signIn(app, admin!.email, DEMO_PASSWORD);
      await walk(sessionEndingLast(createWalker(document).operations()), headersOf(session));
      expect(failures).toEqual([]);
      console.log('walk as system administrator, answers by class:', answered);
      // Valid bodies reached the use cases and some succeeded (created units, categories, rules...).
      expect(answered['2xx'] ?? 0).toBeGreaterThan(10);
      expect(answered['4xx'] ?? 0).toBeGreaterThan(100);
    },
    WALK_TIMEOUT_MS,
  );

  it(
    'finds no 5xx as a signed-in citizen',
    async () => {
      failures = [];
      const citizen = DEMO_ACCOUNTS.find((account) => account.kind === 'citizen');
      const session = await signIn(app, citizen!.email, DEMO_PASSWORD);
      await walk(sessionEndingLast(createWalker(document).operations()), headersOf(session));
      expect(failures).toEqual([]);
    },
    WALK_TIMEOUT_MS,
  );
});
