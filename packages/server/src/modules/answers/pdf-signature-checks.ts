import type { SignatureCheck, VerificationResult } from '@epeople/contracts';
import { readPdfSignatures } from '../../letters/index.ts';

type Problem = VerificationResult['problems'][number];

/**
 * The signature half of verification, the same online and offline: every signature of the PDF
 * checked against the trust anchors, and what is wrong with them as stable problem codes.
 */
export async function checkPdfSignatures(
  pdf: Uint8Array,
  trustAnchors: Uint8Array[],
): Promise<{ signatures: SignatureCheck[]; problems: Problem[] }> {
  // The CMS stack (pkijs, asn1js, @peculiar/x509) loads on the first verification, not at start
  // (docs/operations.md, "Start-up and memory").
  const { verifyCms } = await import('../../signing/verify-cms.ts');
  const signatures: SignatureCheck[] = [];
  for (const found of readPdfSignatures(pdf)) {
    const checked = await verifyCms({ cms: found.cms, content: found.signedParts, trustAnchors });
    signatures.push({
      intact: checked.digestValid && checked.signatureValid,
      coversWholeDocument: found.coversWholeDocument,
      signer: checked.signer,
      chain: checked.chain,
      // A chain to a published root, with the signer's certificate valid when it signed.
      chainTrusted: checked.chainTrusted && checked.signerValidAtSigningTime,
      signingTime: checked.signingTime ?? null,
      timestampTime: checked.timestampTime ?? null,
    });
  }
  const problems: Problem[] = [];
  if (signatures.length === 0) problems.push('no_signature');
  if (signatures.some((signature) => !signature.intact)) problems.push('signature_broken');
  if (signatures.length > 0 && !signatures.some((signature) => signature.coversWholeDocument)) {
    problems.push('document_modified_after_signing');
  }
  if (signatures.some((signature) => signature.intact && !signature.chainTrusted)) problems.push('signer_not_trusted');
  return { signatures, problems };
}

/** `valid` only without problems; `valid_pending_log` when the log is all that is missing. */
export function verdictOf(problems: readonly Problem[]): VerificationResult['verdict'] {
  const blocking = problems.filter((problem) => problem !== 'not_in_log_yet');
  return blocking.length > 0 ? 'invalid' : problems.length > 0 ? 'valid_pending_log' : 'valid';
}
