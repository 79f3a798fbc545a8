import type { Problem } from '@epeople/contracts';

/** A field the server named in a validation problem: `body.newPassword` → `newPassword`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An error answer of the API, carrying the stable problem `code` that the page translates
 * (`t('errors.' + code)`). Network failures get the code `common.unavailable` so every error a
 * page shows has a translation.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem | undefined;

  constructor(status: number, code: string, problem?: Problem) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  get fieldProblems(): FieldProblem[] {
    return (this.problem?.errors ?? []).map((error) => ({
      field: fieldFromPath(error.path),
      message: error.message,
    }));
  }

  get retryAfterSeconds(): number | undefined {
    return this.problem?.retryAfterSeconds;
  }
}

/** Problem paths say where the value was (`body.name.ar`, `querystring.governorate`). */
export function fieldFromPath(path: string): string {
  return path.replace(/^(body|querystring|params)\.?/, '').replace(/^\//, '');
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
