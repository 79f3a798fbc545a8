import { PROBLEM_CONTENT_TYPE } from '@epeople/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateAllReferenceCaches } from '../src/db/reference-cache.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '../src/modules/seed/index.ts';
import { type SignedInSession, signIn } from './accounts-helpers.ts';
import { createWalker, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from './openapi-walker.ts';
import { createTestContext, type TestContext } from './test-context.ts';

/**
 * Walks every route of the served OpenAPI document with malformed, oversize, wrongly typed and
 * missing inputs, and requires a 4xx problem response (or success), never a 5xx.
 */
const BODY_LIMIT = 16 * 1024;

/** Each walk sends thousands of requests, and the routes keep growing: more than the default 30 s on a loaded machine. */
const WALK_TIMEOUT_MS = 180_000;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Hostile text for every clean-text field (docs/text-input.md): each character, put in a valid
 * value, must be refused with 400 text.forbidden_character. Line breaks and tabs only where the
 * field is single-line.
 */
const FORBIDDEN_EVERYWHERE: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['escape', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 next line', '\u0085'],
  ['C1 CSI', '\u009b'],
  ['left-to-right embedding', '\u202a'],
  ['pop directional formatting', '\u202c'],
  ['right-to-left override', '\u202e'],
  ['left-to-right isolate', '\u2066'],
  ['first strong isolate', '\u2068'],
  ['pop directional isolate', '\u2069'],
];
const FORBIDDEN_IN_ONE_LINE: Array<[string, string]> = [
  ['line feed', '\n'],
  ['tab', '\t'],
];
/** Arabic punctuation and digits, tatweel, diacritics, ZWNJ, ZWJ, LRM and RLM: all accepted. */
const ARABIC_TEXT = 'طلب، هل؟ «نعم»؛ ٪٫٬ ١٢٣ ـــ مَدْرَسَة\u200cها \u200f٢٠٢٦\u200d\u200e ';
const ARABIC_LINES = 'سطر أول؛\n\tسطر ثانٍ؟ ';

/** `text` repeated to exactly `length` characters, without spaces at its ends (they would be trimmed). */
function fitted(text: string, length: number): string {
  const value = text.repeat(Math.ceil(length / text.length) + 1).slice(0, length);
  return value.replace(/^\s/, 'ب').replace(/\s$/, 'ب');
}

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
    await walkTexts(operations, headers);
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

  /** How the text attacks were answered: refusals with the stable code show the walk got that far. */
  let textRefusals = 0;
  const problemOf = (response: LightMyRequestResponse) =>
    String(response.headers['content-type'] ?? '').startsWith(PROBLEM_CONTENT_TYPE)
      ? (response.json() as { code?: string; errors?: Array<{ path: string }> })
      : undefined;

  /** A forbidden character must be refused with the stable code, or the request refused before validation. */
  const expectForbidden = (where: string, response: LightMyRequestResponse) => {
    const problem = problemOf(response);
    if (response.statusCode === 400 && problem?.code === 'text.forbidden_character') textRefusals++;
    else if (response.statusCode === 400 || response.statusCode < 400)
      failures.push(`${where} → ${response.statusCode} ${problem?.code ?? response.body.slice(0, 120)}`);
  };

  /** Arabic text must never be refused as forbidden, nor be the field a validation error names. */
  const expectAccepted = (where: string, response: LightMyRequestResponse, errorPath: string) => {
    const problem = problemOf(response);
    if (problem?.code === 'text.forbidden_character' || problem?.errors?.some((error) => error.path === errorPath))
      failures.push(`${where} → ${response.statusCode} ${JSON.stringify(problem).slice(0, 300)}`);
  };

  /** Every clean-text field of every body and query string, with forbidden characters and with Arabic text. */
  async function walkTexts(operations: OpenApiOperation[], headers: Record<string, string>) {
    const walker = createWalker(document);
    for (const operation of operations) {
      const method = operation.method as InjectOptions['method'];
      const url = walker.fillPath(operation);
      const query = walker.validQuery(operation);
      const body = operation.body ? walker.validValue(operation.body) : undefined;
      const fields: Array<{ where: 'body' | 'querystring'; path: string[]; schema: JsonSchema; kind: string }> = [
        ...(operation.body ? walker.stringFields(operation.body) : []).flatMap((field) =>
          field.kind ? [{ where: 'body' as const, path: [...field.path], schema: field.schema, kind: field.kind }] : [],
        ),
        ...operation.parameters
          .filter((parameter) => parameter.in === 'query' && parameter.schema['x-epeople-text'])
          .map((parameter) => ({
            where: 'querystring' as const,
            path: [parameter.name],
            schema: parameter.schema,
            kind: parameter.schema['x-epeople-text'] as string,
          })),
      ];
      for (const field of fields) {
        const valid = String(walker.validValue(field.schema));
        const send = (value: string) => {
          const request: InjectOptions =
            field.where === 'body'
              ? {
                  method,
                  url,
                  query,
                  payload: JSON.stringify(walker.withValueAt(body, field.path, value)),
                  headers: { ...headers, 'content-type': 'application/json' },
                }
              : { method, url, query: { ...query, [field.path[0] as string]: value }, headers };
          return check(operation, `${field.path.join('.')} text`, request);
        };
        const label = `${operation.method} ${operation.path} ${field.where}.${field.path.join('.')}`;
        const forbidden = [...FORBIDDEN_EVERYWHERE, ...(field.kind === 'single-line' ? FORBIDDEN_IN_ONE_LINE : [])];
        for (const [name, character] of forbidden) {
          // Same length as the valid value, so only the character can be wrong with it.
          expectForbidden(`${label} [${name}]`, await send(valid.slice(0, 1) + character + valid.slice(2)));
        }
        const arabic = fitted(field.kind === 'multi-line' ? ARABIC_LINES + ARABIC_TEXT : ARABIC_TEXT, valid.length);
        expectAccepted(`${label} [Arabic]`, await send(arabic), `${field.where}.${field.path.join('.')}`);
      }
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

  it('marks every free-text field of every request body and query string as clean text', () => {
    const walker = createWalker(document);
    const unmarked = walker.operations().flatMap((operation) => [
      ...(operation.body ? walker.stringFields(operation.body) : [])
        // Passwords are secrets, hashed and never shown: any character may be part of one.
        .filter((field) => !field.kind && !/password/i.test(field.path.at(-1) ?? ''))
        .map((field) => `${operation.method} ${operation.path} body.${field.path.join('.')}`),
      ...operation.parameters
        .filter((parameter) => parameter.in === 'query')
        .filter((parameter) => walker.stringFields({ properties: { [parameter.name]: parameter.schema } }).length > 0)
        .filter((parameter) => !parameter.schema['x-epeople-text'])
        .map((parameter) => `${operation.method} ${operation.path} querystring.${parameter.name}`),
    ]);
    expect(unmarked).toEqual([]);
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
      adminTotpSecret = session.totpSecret;
      textRefusals = 0;
      await walk(sessionEndingLast(createWalker(document).operations()), headersOf(session));
      expect(failures).toEqual([]);
      console.log('walk as system administrator, answers by class:', answered, 'text refusals:', textRefusals);
      // The text attacks reached validation on many routes, not only their authorisation.
      expect(textRefusals).toBeGreaterThan(200);
      // Valid bodies reached the use cases and some succeeded (created units, categories, rules...).
      expect(answered['2xx'] ?? 0).toBeGreaterThan(10);
      expect(answered['4xx'] ?? 0).toBeGreaterThan(100);
    },
    WALK_TIMEOUT_MS,
  );

  let adminTotpSecret: SignedInSession['totpSecret'];

  it(
    'refuses hostile text with cold caches and a clock moved forward 40 days, as a system administrator',
    async () => {
      failures = [];
      textRefusals = 0;
      // As in test/security/database-freeze.test.ts: caches expire and deadlines pass with the clock.
      invalidateAllReferenceCaches();
      test.advanceClock(40 * DAY);
      const admin = DEMO_ACCOUNTS.find((account) => account.role?.role === 'system_admin');
      const session = await signIn(app, admin!.email, DEMO_PASSWORD, {
        now: test.ctx.now,
        ...(adminTotpSecret ? { totpSecret: adminTotpSecret } : {}),
      });
      await walkTexts(sessionEndingLast(createWalker(document).operations()), headersOf(session));
      expect(failures).toEqual([]);
      expect(textRefusals).toBeGreaterThan(200);
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
