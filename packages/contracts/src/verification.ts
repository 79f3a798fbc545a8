import { z } from 'zod';
import { publicAnswerSchema } from './answers.ts';
import { singleLineText } from './text.ts';

/**
 * The public verifier (docs/PRODUCT.md §7): `POST /api/v1/verify` with a PDF (content type
 * application/pdf) or with a case's reference and access code (application/json), and the
 * trust anchors it checks against. Everything here is safe to show to anyone.
 */
const isoTime = z.iso.datetime({ offset: true });

export const certificateSummarySchema = z
  .object({
    subject: z.string(),
    issuer: z.string(),
    serialNumber: z.string(),
    notBefore: isoTime,
    notAfter: isoTime,
    sha256: z.string(),
  })
  .meta({ id: 'CertificateSummary' });
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

export const signatureCheckSchema = z
  .object({
    /** The signed bytes are unchanged and the signature matches the signer's key. */
    intact: z.boolean(),
    /** The signature covers the whole file (nothing was appended after signing). */
    coversWholeDocument: z.boolean(),
    signer: certificateSummarySchema.nullable(),
    /** From the signer up to the root, as embedded in the signature. */
    chain: z.array(certificateSummarySchema),
    /** The chain ends at one of the published trust anchors. */
    chainTrusted: z.boolean(),
    signingTime: isoTime.nullable(),
    /** From an RFC 3161 timestamp token, when the signature carries one (PAdES B-T). */
    timestampTime: isoTime.nullable(),
  })
  .meta({ id: 'SignatureCheck' });
export type SignatureCheck = z.infer<typeof signatureCheckSchema>;

export const logCheckSchema = z
  .object({
    index: z.number().int().min(0),
    treeSize: z.number().int().min(1),
    /** The checkpoint is signed by the log's published key. */
    checkpointSigned: z.boolean(),
    /** The inclusion proof puts this answer's entry under the checkpoint's root. */
    inclusionProved: z.boolean(),
    checkpoint: z.string(),
  })
  .meta({ id: 'LogCheck' });

export const VERIFICATION_VERDICTS = [
  /** Signature intact, chain trusted, a registered answer, included in the log. */
  'valid',
  /** Signed correctly and registered, but the log does not include it yet (a few seconds). */
  'valid_pending_log',
  /** Not signed, signature broken, untrusted signer, or a file ePeople never issued. */
  'invalid',
] as const;
export const verificationVerdictSchema = z.enum(VERIFICATION_VERDICTS);

export const verificationResultSchema = z
  .object({
    verdict: verificationVerdictSchema,
    /** Why the verdict is not `valid`, as stable codes the page translates. */
    problems: z.array(
      z.enum([
        'no_signature',
        'signature_broken',
        'document_modified_after_signing',
        'signer_not_trusted',
        'not_issued_by_epeople',
        'not_in_log_yet',
        'log_proof_failed',
      ]),
    ),
    document: z.object({ sha256: z.string(), sizeBytes: z.number().int().min(0) }),
    signatures: z.array(signatureCheckSchema),
    answer: publicAnswerSchema.nullable(),
    log: logCheckSchema.nullable(),
    /** Signed with a development key: valid for testing only. */
    isTestSignature: z.boolean(),
  })
  .meta({ id: 'VerificationResult' });
export type VerificationResult = z.infer<typeof verificationResultSchema>;

export const verifyByReferenceSchema = z.strictObject({
  reference: singleLineText(1, 40),
  accessCode: singleLineText(1, 40),
});

export const trustAnchorsSchema = z
  .object({
    roots: z.array(z.object({ pem: z.string(), certificate: certificateSummarySchema })),
    log: z.object({ origin: z.string(), verifierKey: z.string() }),
    /** Development keys: nothing signed with them is valid outside a test. */
    isTest: z.boolean(),
  })
  .meta({ id: 'TrustAnchors' });
export type TrustAnchors = z.infer<typeof trustAnchorsSchema>;

export const publicAnswerVerificationSchema = z
  .object({ answer: publicAnswerSchema, log: logCheckSchema.nullable() })
  .meta({ id: 'PublicAnswerVerification' });
export type PublicAnswerVerification = z.infer<typeof publicAnswerVerificationSchema>;
