import { ERROR_CODES, type ErrorCode } from '@epeople/contracts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/app-error.ts';
import { createDocumentTooComplexError } from '../../letters/index.ts';
import {
  createWorkerPool,
  type WorkerPool,
  WorkerPoolFullError,
  WorkerTaskError,
  WorkerTaskTimeoutError,
} from '../../workers/worker-pool.ts';
import { createVerifyBusyError } from './answers.errors.ts';
import { checkPdfSignatures } from './pdf-signature-checks.ts';

/**
 * The public verifier's threads: every PDF sent to `POST /api/v1/verify` (and every stored
 * letter verified by reference) is read and checked on one of them, so a hostile file costs a
 * thread for at most VERIFY_TIME_BUDGET_MS and never the event loop. One pool per application
 * context, started on first use. Bounds and why: docs/pdf-verification.md.
 */
export interface PdfVerificationInput {
  pdf: Uint8Array;
  trustAnchors: Uint8Array[];
}
export type PdfVerificationOutput = Awaited<ReturnType<typeof checkPdfSignatures>>;

const WORKER_URL = new URL('./pdf-verification.worker.ts', import.meta.url);
/** A letter of at most 10 MB is read as one latin1 string plus small parts: far below this.
 * A thread that needs more dies alone, and its file is refused as too complex. */
const VERIFY_HEAP_LIMIT_MB = 256;
/** A verification takes tens of milliseconds: a full queue drains within a second or two. */
const BUSY_RETRY_AFTER_SECONDS = 2;

const pools = new WeakMap<AppContext, WorkerPool<PdfVerificationInput, PdfVerificationOutput>>();

function poolFor(ctx: AppContext): WorkerPool<PdfVerificationInput, PdfVerificationOutput> {
  let pool = pools.get(ctx);
  if (!pool) {
    pool = createWorkerPool({
      taskName: 'pdf verification',
      workerUrl: WORKER_URL,
      size: ctx.config.VERIFY_THREADS,
      runInThisThread: ({ pdf, trustAnchors }) => checkPdfSignatures(pdf, trustAnchors),
      maxQueued: ctx.config.VERIFY_QUEUE_MAX,
      timeBudgetMs: ctx.config.VERIFY_TIME_BUDGET_MS,
      resourceLimits: { maxOldGenerationSizeMb: VERIFY_HEAP_LIMIT_MB },
    });
    pools.set(ctx, pool);
  }
  return pool;
}

/** checkPdfSignatures on a verification thread, its failures as the verifier's problem codes. */
export async function checkPdfSignaturesOffThread(
  ctx: AppContext,
  input: PdfVerificationInput,
): Promise<PdfVerificationOutput> {
  try {
    return await poolFor(ctx).run(input);
  } catch (error) {
    throw asVerifierError(error, ctx.config.VERIFY_TIME_BUDGET_MS);
  }
}

/** Stops the verification threads (graceful shutdown); the next verification starts them again. */
export async function closePdfVerification(ctx: AppContext): Promise<void> {
  const pool = pools.get(ctx);
  pools.delete(ctx);
  await pool?.close();
}

function asVerifierError(error: unknown, budgetMs: number): unknown {
  if (error instanceof WorkerPoolFullError) return createVerifyBusyError(BUSY_RETRY_AFTER_SECONDS);
  if (error instanceof WorkerTaskTimeoutError) {
    return createDocumentTooComplexError(`reading it took longer than ${budgetMs} ms`);
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return createDocumentTooComplexError('reading it needed more memory than a letter can');
  }
  // The reader's own refusals (verify.not_a_pdf, verify.document_too_complex), thrown on the thread.
  if (error instanceof WorkerTaskError && error.code?.startsWith('verify.') && error.code in ERROR_CODES) {
    return new AppError(error.code as ErrorCode, error.detail === undefined ? {} : { detail: error.detail });
  }
  return error;
}
