import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLetterPdf } from '../src/letters/letter-pdf.ts';
import { readPdfSignatures } from '../src/letters/read-pdf-signatures.ts';
import { signLetter } from '../src/letters/sign-letter.ts';
import { checkPdfSignatures } from '../src/modules/answers/pdf-signature-checks.ts';
import { openDevelopmentSigning } from '../src/signing/dev-ca.ts';
import { verifyCms } from '../src/signing/verify-cms.ts';
import { pdfWithManyObjects, pdfWithRepeatedByteRangesOfSize } from '../test/hostile-pdfs.ts';
import { benchLetter } from './signed-letters.ts';

/**
 * The public verifier on a genuine signed letter and on the hostile file of issue 7 §4 (1.2 MB
 * of repeated /ByteRange entries, which held the event loop for 22 s), each beside a baseline
 * measured in the same run (docs/pdf-verification.md):
 * - a genuine letter read and checked, vs. the bare CMS check of its signature (the floor);
 * - the hostile file refused, vs. SHA-256 over the same bytes (one linear pass: the floor of
 *   reading anything);
 * - a file as large made of tens of thousands of objects and field references (nothing refuses
 *   it early: the whole pass runs) read and checked, vs. SHA-256 over it.
 * Run alone: `npx node packages/server/bench/pdf-verification.ts` (BENCH_SECONDS, default 10).
 */
export interface PdfVerificationMeasure {
  letterBytes: number;
  lettersPerSecond: number;
  bareCmsChecksPerSecond: number;
  hostileBytes: number;
  hostileRefusalsPerSecond: number;
  hostileHashesPerSecond: number;
  denseBytes: number;
  denseReadsPerSecond: number;
  denseHashesPerSecond: number;
}

const HOSTILE_BYTES = 1.2 * 1024 * 1024;

/** Operations per second of `operation`, run for `seconds` after a short warm-up. */
async function rate(seconds: number, operation: () => unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await operation();
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await operation();
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

export async function measurePdfVerification(seconds: number): Promise<PdfVerificationMeasure> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-verify-'));
  try {
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor({ code: 'ariana', name: 'Municipalité de l’Ariana' });
    const letter = await signLetter(await renderLetterPdf(benchLetter(1)), signer, {
      reason: 'Answer',
      location: 'Ariana',
    });
    const trustAnchors = [signing.rootCertificate];
    const [signature] = readPdfSignatures(letter);
    if (!signature) throw new Error('the benchmarked letter has no signature');
    const hostile = pdfWithRepeatedByteRangesOfSize(letter, HOSTILE_BYTES);
    // A file the reader must read to the end: many objects, each with a field reference.
    const dense = pdfWithManyObjects(letter, Math.ceil((HOSTILE_BYTES - letter.length) / 48));

    const share = seconds / 6;
    const lettersPerSecond = await rate(share, async () => {
      const { problems } = await checkPdfSignatures(letter, trustAnchors);
      if (problems.length > 0) throw new Error(`the benchmarked letter does not verify: ${problems.join(', ')}`);
    });
    const bareCmsChecksPerSecond = await rate(share, () =>
      verifyCms({ cms: signature.cms, content: signature.signedParts, trustAnchors }),
    );
    const hostileRefusalsPerSecond = await rate(share, async () => {
      const refusal = await checkPdfSignatures(hostile, trustAnchors).catch((error: unknown) => error);
      if ((refusal as { code?: string }).code !== 'verify.document_too_complex') {
        throw new Error('the hostile file was not refused');
      }
    });
    const hostileHashesPerSecond = await rate(share, () => createHash('sha256').update(hostile).digest());
    const denseReadsPerSecond = await rate(share, () => checkPdfSignatures(dense, trustAnchors));
    const denseHashesPerSecond = await rate(share, () => createHash('sha256').update(dense).digest());
    return {
      letterBytes: letter.length,
      lettersPerSecond: Math.round(lettersPerSecond),
      bareCmsChecksPerSecond: Math.round(bareCmsChecksPerSecond),
      hostileBytes: hostile.length,
      hostileRefusalsPerSecond: Math.round(hostileRefusalsPerSecond),
      hostileHashesPerSecond: Math.round(hostileHashesPerSecond),
      denseBytes: dense.length,
      denseReadsPerSecond: Math.round(denseReadsPerSecond),
      denseHashesPerSecond: Math.round(denseHashesPerSecond),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const measure = await measurePdfVerification(Number(process.env.BENCH_SECONDS ?? 10));
  console.log({
    ...measure,
    letterRatioToBareCms: (measure.lettersPerSecond / measure.bareCmsChecksPerSecond).toFixed(2),
    hostileRatioToSha256: (measure.hostileRefusalsPerSecond / measure.hostileHashesPerSecond).toFixed(2),
    denseRatioToSha256: (measure.denseReadsPerSecond / measure.denseHashesPerSecond).toFixed(2),
  });
}
