import {
  type ErrorCode,
  FORBIDDEN_CHARACTER_CODE,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problemTypeFor,
} from '@epeople/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isForbiddenTextError, isRefusedValueError } from '../db/database-error.ts';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { isAppError } from '../http/app-error.ts';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own error codes for malformed requests, mapped to our stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'common.unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'common.payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'common.validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'common.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'common.malformed_json',
  FST_ERR_VALIDATION: 'common.validation_failed',
};

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'common.unauthenticated';
    case 403:
      return 'common.forbidden';
    case 404:
      return 'common.not_found';
    case 405:
      return 'common.method_not_allowed';
    case 409:
      return 'common.conflict';
    case 413:
      return 'common.payload_too_large';
    case 414:
      return 'common.uri_too_long';
    case 415:
      return 'common.unsupported_media_type';
    case 429:
      return 'common.rate_limited';
    default:
      return status >= 500 ? 'common.internal' : 'common.validation_failed';
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  extra: Partial<Problem> = {},
): FastifyReply {
  const problem: Problem = {
    type: problemTypeFor(code),
    title: TITLES[status] ?? 'Error',
    status,
    code,
    requestId: String(request.id),
    instance: request.url.split('?')[0] ?? request.url,
    ...extra,
  };
  if (problem.retryAfterSeconds !== undefined) reply.header('retry-after', String(problem.retryAfterSeconds));
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(problem);
}

/**
 * Every error leaves as RFC 9457 problem details with a stable `code` and the request id.
 * Client errors say what was wrong; server errors say nothing but the request id, and are logged.
 */
async function problemDetails(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return sendProblem(request, reply, error.status, error.code, {
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message ?? 'invalid',
      }));
      // A refused character outranks other issues: its stable code lets the page say which rule (docs/text-input.md).
      const hasForbiddenCharacter = error.validation.some(
        (issue) => (issue.params as { params?: { code?: unknown } }).params?.code === FORBIDDEN_CHARACTER_CODE,
      );
      return sendProblem(
        request,
        reply,
        400,
        hasForbiddenCharacter ? FORBIDDEN_CHARACTER_CODE : 'common.validation_failed',
        { errors },
      );
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (error instanceof SyntaxError && status === 400) {
      return sendProblem(request, reply, 400, 'common.malformed_json');
    }
    if (isDatabaseUnavailable(error)) {
      // The statement that could not run wrote nothing (a transaction rolls back whole): retry later.
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(request, reply, 503, 'common.unavailable', {
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      });
    }
    // Defence in depth behind the clean-text rule: a value the database cannot hold is the
    // request's fault, not the server's (docs/text-input.md). The log line names the SQLSTATE only.
    if (isForbiddenTextError(error) || isRefusedValueError(error)) {
      request.log.warn({ err: error }, 'database refused a value');
      return sendProblem(
        request,
        reply,
        400,
        isForbiddenTextError(error) ? FORBIDDEN_CHARACTER_CODE : 'common.validation_failed',
      );
    }
    if (status >= 500 && !mapped) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(request, reply, 500, 'common.internal');
    }
    return sendProblem(request, reply, status, mapped ?? codeForStatus(status));
  });
}

export const problemDetailsPlugin = fp(problemDetails, { name: 'problem-details' });
