import { PROBLEM_CONTENT_TYPE, type Problem, problemSchema } from '@epeople/contracts';
import { ApiError } from './api-error.ts';

export const API_BASE = '/api/v1';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The CSRF token of the current session; sent on every state-changing request. */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

interface RequestOptions {
  /**
   * JSON, a FormData for file uploads (the browser sets the multipart boundary), or a Blob sent
   * as its raw bytes (the caller names its content type in `headers`).
   */
  body?: unknown;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
  /** Extra headers: an access code, an idempotency key. */
  headers?: Record<string, string | undefined>;
  /**
   * An anonymous reporter's request (a notice's upload or filing, anything with an access code):
   * sent without cookies or CSRF token, so no session can be tied to it
   * (docs/threat-model-anonymous-notice.md). The server ignores a session on them anyway.
   */
  anonymous?: boolean;
}

/**
 * The one way the web app talks to the API: JSON in and out, same-origin cookies, the CSRF
 * header on changes, and RFC 9457 problems turned into an ApiError with the problem's code.
 */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  const isRaw = options.body instanceof FormData || options.body instanceof Blob;
  if (options.body !== undefined && !isRaw) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken && !options.anonymous) headers['x-csrf-token'] = csrfToken;
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value) headers[name] = value;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: options.anonymous ? 'omit' : 'same-origin',
      body: options.body === undefined ? undefined : isRaw ? (options.body as BodyInit) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'common.unavailable');
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  throw await toApiError(response);
}

async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const parsed = problemSchema.safeParse(await response.json());
      if (parsed.success) return new ApiError(response.status, parsed.data.code, parsed.data as Problem);
    } catch {
      // Not JSON after all: fall through to a code chosen from the status.
    }
  }
  return new ApiError(response.status, codeForStatus(response.status));
}

function codeForStatus(status: number): string {
  if (status === 401) return 'common.unauthenticated';
  if (status === 403) return 'common.forbidden';
  if (status === 404) return 'common.not_found';
  if (status === 429) return 'common.rate_limited';
  if (status >= 500) return 'common.unavailable';
  return 'common.validation_failed';
}

function toQueryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => apiRequest<T>('DELETE', path, { body }),
};
