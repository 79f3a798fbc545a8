import { ERROR_CODES, type ErrorCode } from '@epeople/contracts';

export interface AppErrorOptions {
  /** Safe to show to the caller; never personal data of someone else, never internals. */
  detail?: string;
  retryAfterSeconds?: number;
  errors?: Array<{ path: string; message: string }>;
  cause?: unknown;
}

/**
 * The one error type use cases throw. Its code is stable and listed in contracts/errors.ts;
 * the error handler turns it into RFC 9457 problem details with the code's HTTP status.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly errors: Array<{ path: string; message: string }> | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.detail = options.detail;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.errors = options.errors;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
