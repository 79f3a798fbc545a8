import type { TrustAnchors } from '@epeople/contracts';
import type { AppContext } from '../../../app-context.ts';
import { encodePem } from '../../../signing/pem.ts';
import { logOrigin, logVerifierKey } from '../../transparency-log/index.ts';
import { signingFor } from '../answers.signing-context.ts';

/** What a verifier must trust, published: the root certificates and the log's public key. */
export async function trustAnchors(ctx: AppContext): Promise<TrustAnchors> {
  const signing = await signingFor(ctx);
  // The certificate parser loads on the first call, not at start (docs/operations.md).
  const { summarizeCertificate } = await import('../../../signing/verify-cms.ts');
  return {
    roots: signing.trustAnchors.map((der) => ({
      pem: encodePem('CERTIFICATE', der),
      certificate: summarizeCertificate(der),
    })),
    log: { origin: logOrigin(ctx), verifierKey: await logVerifierKey(ctx) },
    isTest: signing.isTest,
  };
}
