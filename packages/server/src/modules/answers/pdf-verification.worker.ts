import { serveWorkerTasks } from '../../workers/worker-tasks.ts';
import { checkPdfSignatures } from './pdf-signature-checks.ts';
import type { PdfVerificationInput, PdfVerificationOutput } from './pdf-verification-pool.ts';

/**
 * A thread of the verifier's pool: reads an untrusted PDF's signatures and checks them, away
 * from the event loop, under the pool's time budget and heap limit (docs/pdf-verification.md).
 */
serveWorkerTasks<PdfVerificationInput, PdfVerificationOutput>(async ({ pdf, trustAnchors }) => ({
  output: await checkPdfSignatures(pdf, trustAnchors),
}));
