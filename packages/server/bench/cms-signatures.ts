import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswerRecord } from '../src/signing/answer-record.ts';
import { openDevelopmentSigning } from '../src/signing/dev-ca.ts';
import { verifyCms } from '../src/signing/verify-cms.ts';

/**
 * Answer records signed per second: canonical JSON plus its detached CMS (.p7s), signed with the
 * development signer (ECDSA P-256 through the KeyObject backend), one after another on this
 * thread as the sign job does. Also verified per second, as the verification page does.
 * Run alone: `npx node packages/server/bench/cms-signatures.ts` (BENCH_SECONDS, default 10).
 */
export interface CmsSignaturesMeasure {
  recordsPerSecond: number;
  records: number;
  seconds: number;
  averageSignatureBytes: number;
  verificationsPerSecond: number;
}

export async function measureCmsSignatures(seconds: number): Promise<CmsSignaturesMeasure> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-cms-'));
  try {
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor({ code: 'bench-unit', name: 'Bench unit' });
    const fieldsOf = (index: number) => ({
      answerId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      caseReference: `2026-${String(index % 100_000).padStart(5, '0')}`,
      unit: 'bench-unit',
      outcome: index % 3 === 0 ? 'rejected' : 'accepted',
      answerTextSha256: 'a'.repeat(64),
      signedPdfSha256: 'b'.repeat(64),
      signerCertificateSha256: 'c'.repeat(64),
      issuedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    });
    for (let i = 0; i < 20; i++) await createAnswerRecord(fieldsOf(i), signer); // warm-up, outside the measure

    let records = 0;
    let signatureBytes = 0;
    const last = [];
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline) {
      const record = await createAnswerRecord(fieldsOf(records), signer);
      signatureBytes += record.signature.byteLength;
      if (last.length < 50) last.push(record);
      records++;
    }
    const elapsed = (performance.now() - started) / 1000;

    let verifications = 0;
    const verifyStarted = performance.now();
    const verifyDeadline = verifyStarted + (seconds * 1000) / 2;
    while (performance.now() < verifyDeadline) {
      const record = last[verifications % last.length];
      if (!record) break;
      const verdict = await verifyCms({
        cms: record.signature,
        content: record.json,
        trustAnchors: [signing.rootCertificate],
      });
      if (!verdict.signatureValid || !verdict.chainTrusted) throw new Error('a benchmarked record does not verify');
      verifications++;
    }
    const verifyElapsed = (performance.now() - verifyStarted) / 1000;
    return {
      recordsPerSecond: Math.round(records / elapsed),
      records,
      seconds: Math.round(elapsed * 10) / 10,
      averageSignatureBytes: Math.round(signatureBytes / Math.max(records, 1)),
      verificationsPerSecond: Math.round(verifications / verifyElapsed),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(await measureCmsSignatures(Number(process.env.BENCH_SECONDS ?? 10)));
}
