import { z } from 'zod';
import { trilingualNameSchema } from './agencies.ts';
import { caseOutcomeSchema } from './cases.ts';
import { singleLineText } from './text.ts';

/**
 * Signed answers (docs/PRODUCT.md §7): every answer a case receives becomes a signed PDF letter, a
 * signed canonical JSON record (.p7s) and an entry in the public transparency log.
 * `signing` lasts a few seconds after the answer is sent (a queue job renders and signs);
 * the log receipt follows at the log's next batch.
 */
export const SIGNED_ANSWER_STATUSES = ['signing', 'signed'] as const;
export const signedAnswerStatusSchema = z.enum(SIGNED_ANSWER_STATUSES);

const hexSha256 = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.iso.datetime({ offset: true });

/** What the citizen and the case's staff see of each answer of a case, with where to fetch its files. */
export const signedAnswerSchema = z
  .object({
    id: z.uuid(),
    status: signedAnswerStatusSchema,
    outcome: caseOutcomeSchema,
    language: z.enum(['ar', 'fr', 'en']),
    issuedAt: isoTime,
    signedAt: isoTime.nullable(),
    /** The leaf index in the transparency log, once a signed checkpoint covers it. */
    logIndex: z.number().int().min(0).nullable(),
    /** Same-origin paths; null while signing. They need the case's access (owner, access code, staff). */
    downloads: z
      .object({
        letter: z.string(),
        record: z.string(),
        recordSignature: z.string(),
        /** Null until the log includes the answer. */
        receipt: z.string().nullable(),
      })
      .nullable(),
    /** The public verification page of this answer (the letter's QR code points there). */
    verificationUrl: z.string(),
  })
  .meta({ id: 'SignedAnswer' });
export type SignedAnswer = z.infer<typeof signedAnswerSchema>;

export const caseAnswersResponseSchema = z.object({ answers: z.array(signedAnswerSchema) });
export type CaseAnswersResponse = z.infer<typeof caseAnswersResponseSchema>;

export const caseAnswerParamsSchema = z.object({ reference: singleLineText(1, 40), id: z.uuid() });

/**
 * The public facts of a signed answer: exactly what its log entry holds, and the unit's names.
 * No names of people, no request or answer text.
 */
export const publicAnswerSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    unit: z.object({ code: z.string(), name: trilingualNameSchema }),
    outcome: caseOutcomeSchema,
    issuedAt: isoTime,
    signedAt: isoTime,
    letterSha256: hexSha256,
    recordSha256: hexSha256,
    certificateSha256: hexSha256,
    logIndex: z.number().int().min(0).nullable(),
  })
  .meta({ id: 'PublicAnswer' });
export type PublicAnswer = z.infer<typeof publicAnswerSchema>;
