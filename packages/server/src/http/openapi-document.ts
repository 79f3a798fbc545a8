import type { ErrorCode } from '@epeople/contracts';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { problemResponses, type RouteProblemFacts } from './openapi-problems.ts';

/** What a route adds to its OpenAPI operation beyond what its zod schemas say. */
export interface RouteOpenApi {
  /** The problems its use cases can answer; the generic ones are added for every route (openapi-problems.ts). */
  problems?: readonly ErrorCode[];
  /** A body that is not a zod-validated JSON object: a PDF, a multipart upload, none at all. */
  requestBody?: Record<string, unknown>;
  /** Answers that are files (downloads), by status, with their content types. */
  responses?: Record<string, Record<string, unknown>>;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Read only by the OpenAPI document (src/http/openapi-document.ts); Fastify ignores it. */
    openapi?: RouteOpenApi;
  }
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type OpenApiObject = ReturnType<typeof jsonSchemaTransformObject>;
interface Response {
  description?: string;
  content?: Record<string, unknown>;
}
type Operation = Record<string, unknown> & { responses?: Record<string, Response>; parameters?: Parameter[] };
interface LooseDocument {
  paths?: Record<string, Record<string, Operation>>;
  tags?: Array<{ name: string; description: string }>;
  components?: { schemas?: Record<string, unknown> };
}
interface Parameter {
  name: string;
  in: string;
  description?: string;
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** `/api/v1/cases/:reference` as the document writes it: `/api/v1/cases/{reference}`. */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * A stable operation id from the method and path, for routes that do not name theirs:
 * `POST /api/v1/inbox/cases/{id}/transfer` → `postInboxCasesByIdTransfer`.
 */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api(\/v1)?/, '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment)?.[1];
      const word = parameter ? `by-${parameter}` : segment;
      return word
        .split(/[-_.]/)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
    });
  return method.toLowerCase() + words.join('');
}

/** What each path and query parameter means, for the parameters whose schema says nothing. */
const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  'path id': 'The identifier (UUID) of the resource the path names',
  'path assignmentId': 'The identifier (UUID) of the role assignment',
  'path reference': 'The case reference, e.g. `PT-2026-000123`',
  'path file': 'Which file of the signed answer',
  'header x-access-code': 'The access code given at filing, for who tracks a case without an account',
  'header idempotency-key': 'A key of 16–128 characters (e.g. a UUID): the same key files the case once',
  'query includeInactive': 'Include deactivated entries (administrators)',
  'query requestType': 'Only this request type',
  'query type': 'Only this request type',
  'query categoryId': 'Only this category (UUID)',
  'query governorate': 'Only this governorate (code)',
  'query anonymous': '`true` for files of an anonymous notice (stricter types, metadata removed)',
  'query unitId': 'Only this unit (UUID)',
  'query q': 'The words searched for',
  'query year': 'The calendar year',
  'query limit': 'At most this many items',
  'query cursor': 'Where the previous page ended (from its `nextCursor`)',
  'query state': 'Only cases in this state',
  'query assignee': 'Only cases with this assignee (`me`, `none`, or a staff id)',
  'query deadline': 'Only cases whose deadline is in this band',
  'query dueBefore': 'Only cases due before this instant',
  'query sort': 'The order of the list',
  'query unreadOnly': 'Only unread notifications',
  'query index': 'The index of the log entry',
  'query treeSize': 'The size of the tree the proof is for',
  'query from': 'The size of the older tree',
  'query to': 'The size of the newer tree',
};

const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness of the node',
  accounts: 'Registration, sign-in, sessions, second factor, profile',
  dev: 'Development stand-ins (mailbox, SMS): absent in production',
  units: 'The tree of administrative units',
  staff: 'Staff accounts and their role assignments',
  categories: 'The trilingual tree of service areas',
  routing: 'Routing rules: which unit receives a case',
  attachments: 'Files uploaded before filing, and their downloads',
  faq: 'The FAQ and the pre-filing search',
  calendar: 'Holidays and deadline settings',
  cases: 'Filing, tracking and the citizen’s actions on a case',
  inbox: 'The staff inbox and the handling of cases',
  notifications: 'In-app notices of staff',
  'answer-templates': 'A unit’s model answers in three languages',
  'transparency-log': 'Inclusion and consistency proofs of the public log',
  answers: 'Signed answers and their files',
  verification: 'The public verifier of signed answers',
};

/**
 * Shapes the OpenAPI document from the routes: the zod schemas (fastify-type-provider-zod), then an
 * operation id and a description for every operation, the problem responses each route can give
 * as `application/problem+json`, and what zod cannot say (non-JSON bodies, file downloads).
 * Checked by test/openapi-document.test.ts (validator and Spectral) and by the replay of every API
 * test's answers (test/openapi-replay.ts).
 */
export function createOpenApiShaping(): {
  transform: typeof jsonSchemaTransform;
  transformObject: typeof jsonSchemaTransformObject;
} {
  const routes = new Map<string, { facts: RouteProblemFacts; extra: RouteOpenApi }>();

  const transform = (input: TransformInput) => {
    const transformed = jsonSchemaTransform(input);
    const schema = { ...(transformed.schema as FastifySchema & Record<string, unknown>) };
    const extra = schema.openapi ?? {};
    delete schema.openapi;
    if (schema.hide) return { schema, url: transformed.url };
    const path = openApiPath(transformed.url);
    const methods = ([] as string[]).concat(input.route.method);
    for (const method of methods) {
      const config = input.route.config as { rateLimit?: unknown } | undefined;
      routes.set(`${method.toLowerCase()} ${path}`, {
        extra,
        facts: {
          method,
          declared: extra.problems ?? [],
          isRateLimited: Boolean(config?.rateLimit),
          readsBody: METHODS_WITH_BODY.has(method),
        },
      });
    }
    const method = methods[0] ?? 'GET';
    schema.operationId ??= operationIdFor(method, path);
    schema.description ??= schema.summary;
    return { schema, url: transformed.url };
  };

  const transformObject = (input: Parameters<typeof jsonSchemaTransformObject>[0]): OpenApiObject => {
    const document = jsonSchemaTransformObject(input) as unknown as LooseDocument;
    const usedTags = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = routes.get(`${method} ${path}`);
        for (const tag of (operation.tags as string[] | undefined) ?? []) usedTags.add(tag);
        for (const parameter of operation.parameters ?? []) {
          parameter.description ??= PARAMETER_DESCRIPTIONS[`${parameter.in} ${parameter.name}`];
        }
        if (!route) continue;
        if (route.extra.requestBody) operation.requestBody = route.extra.requestBody;
        const responses: Record<string, Response> = { ...operation.responses, ...route.extra.responses };
        for (const [status, problem] of Object.entries(problemResponses(route.facts, PROBLEM_SCHEMA_REF))) {
          const own = responses[status];
          // A status the route answers itself (503 of /api/ready) keeps its body and gains the problem.
          responses[status] = own ? { ...own, content: { ...own.content, ...problem.content } } : (problem as Response);
        }
        operation.responses = responses;
      }
    }
    document.tags = [...usedTags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
    return withoutUnusedSchemas(document) as unknown as OpenApiObject;
  };

  return { transform, transformObject: transformObject as typeof jsonSchemaTransformObject };
}

/**
 * zod-type-provider writes every registered schema twice (as input and as output); the document
 * keeps those an operation reaches, directly or through other schemas.
 */
function withoutUnusedSchemas(document: LooseDocument): LooseDocument {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')) {
        const name = item.slice('#/components/schemas/'.length);
        if (!reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(item);
      }
    }
  };
  visit({ ...document, components: { ...document.components, schemas: {} } });
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } };
}
