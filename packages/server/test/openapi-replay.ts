import { appendFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * The replay of API tests through the OpenAPI document (docs/ARCHITECTURE.md#tests): every answer
 * a test gets through `app.inject` is kept, and when the test file closes its context each one is
 * checked against what the document says that route answers with that status and content type.
 * An undocumented status, content type or body shape fails the file, so the document cannot
 * drift from the server.
 */
export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

interface OpenApiMediaType {
  schema?: unknown;
}
interface OpenApiResponse {
  content?: Record<string, OpenApiMediaType>;
}
interface OpenApiOperation {
  responses?: Record<string, OpenApiResponse>;
}
export interface OpenApiDocumentLike {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Wraps `app.inject` so that every answer is recorded; only the options form is used by the tests. */
export function recordResponses(app: FastifyInstance, into: RecordedResponse[]): void {
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<LightMyRequestResponse>;
  const recording = async (options: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const response = await inject(options);
    const request = typeof options === 'string' ? { method: 'GET', url: options } : options;
    const url = typeof request.url === 'string' ? request.url : (request.path as string | undefined);
    if (url) {
      into.push({
        method: String(request.method ?? 'GET').toLowerCase(),
        path: url.split('?')[0] ?? url,
        status: response.statusCode,
        contentType:
          String(response.headers['content-type'] ?? '')
            .split(';')[0]
            ?.trim() ?? '',
        body: response.body,
      });
    }
    return response;
  };
  // `inject()` without arguments (the chained form) is not recorded; no API test uses it.
  (app as { inject: unknown }).inject = (options?: InjectOptions | string) =>
    options === undefined ? inject(undefined as never) : recording(options);
}

/** `/api/v1/cases/{reference}` → a pattern matching `/api/v1/cases/PT-2026-000001`. */
function pathPattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  return new RegExp(`^${escaped}$`);
}

const pointer = (...parts: string[]): string =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export function createResponseChecker(document: OpenApiDocumentLike) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  (addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema(document as object, 'openapi');
  // Literal paths first, so `/inbox/cases/{id}` does not take `/me/cases` and the like.
  const templates = Object.keys(document.paths)
    .map((template) => ({ template, pattern: pathPattern(template), literal: !template.includes('{') }))
    .sort((a, b) => Number(b.literal) - Number(a.literal) || b.template.length - a.template.length);
  const compiled = new Map<string, ValidateFunction>();

  /** The reasons this answer is not what the document says, or none. */
  return (recorded: RecordedResponse): string | undefined => {
    const match = templates.find(
      ({ template, pattern }) => pattern.test(recorded.path) && document.paths[template]?.[recorded.method],
    );
    // Not an operation of the document (the web page, /metrics, /log tiles, a route that does not exist).
    if (!match) return undefined;
    const operation = document.paths[match.template]?.[recorded.method];
    const label = `${recorded.method.toUpperCase()} ${match.template} → ${recorded.status}`;
    const response = operation?.responses?.[String(recorded.status)] ?? operation?.responses?.default;
    if (!response) return `${label}: status not documented`;
    if (!response.content) {
      return recorded.body.length === 0 ? undefined : `${label}: a body where the document says none`;
    }
    const media = response.content[recorded.contentType];
    if (!media) {
      return `${label}: content type "${recorded.contentType}" not documented (${Object.keys(response.content).join(', ')})`;
    }
    if (!recorded.contentType.endsWith('json') || media.schema === undefined) return undefined;
    const key = pointer(
      'paths',
      match.template,
      recorded.method,
      'responses',
      String(recorded.status),
      'content',
      recorded.contentType,
      'schema',
    );
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.getSchema(`openapi#/${key}`);
      if (!validate) return `${label}: schema not found at ${key}`;
      compiled.set(key, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(recorded.body);
    } catch {
      return `${label}: body is not JSON`;
    }
    if (validate(body)) return undefined;
    return `${label}: ${ajv.errorsText(validate.errors)} in ${recorded.body.slice(0, 300)}`;
  };
}

/** Checks the recorded answers of one test file; with OPENAPI_REPLAY_LOG set, also appends them there. */
export function checkRecordedResponses(document: OpenApiDocumentLike, recorded: RecordedResponse[]): string[] {
  const check = createResponseChecker(document);
  const failures = new Set<string>();
  for (const entry of recorded) {
    const failure = check(entry);
    if (failure) failures.add(failure);
  }
  const log = process.env.OPENAPI_REPLAY_LOG;
  if (log) {
    appendFileSync(
      log,
      recorded
        .map((r) => {
          let code: unknown;
          if (r.contentType === 'application/problem+json') code = (JSON.parse(r.body) as { code?: unknown }).code;
          return `${JSON.stringify({ method: r.method, path: r.path, status: r.status, contentType: r.contentType, code })}\n`;
        })
        .join(''),
    );
    appendFileSync(`${log}.failures`, [...failures].map((f) => `${f}\n`).join(''));
  }
  return [...failures];
}
