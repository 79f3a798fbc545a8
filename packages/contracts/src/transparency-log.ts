import { z } from 'zod';

/**
 * The public transparency log's convenience JSON (the log itself is served as C2SP tiles at
 * /log). Hashes are standard base64 of 32 bytes, as in checkpoints and receipts.
 */
const base64HashSchema = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/)
  .meta({ description: 'SHA-256 hash, standard base64' });

const leafCountSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const logInclusionProofQuerySchema = z.strictObject({
  /** Zero-based leaf index. */
  index: leafCountSchema,
  /** The size of the tree the proof leads to (at most the latest checkpoint's). */
  treeSize: leafCountSchema.min(1),
});

export const logInclusionProofSchema = z
  .strictObject({
    index: z.number().int(),
    treeSize: z.number().int(),
    rootHash: base64HashSchema,
    /** RFC 9162 §2.1.3 audit path, from the leaf's sibling up. */
    proof: z.array(base64HashSchema),
  })
  .meta({ id: 'LogInclusionProof' });
export type LogInclusionProof = z.infer<typeof logInclusionProofSchema>;

export const logConsistencyProofQuerySchema = z.strictObject({
  from: leafCountSchema,
  to: leafCountSchema,
});

export const logConsistencyProofSchema = z
  .strictObject({
    from: z.number().int(),
    to: z.number().int(),
    fromRoot: base64HashSchema,
    toRoot: base64HashSchema,
    /** RFC 9162 §2.1.4 consistency proof. */
    proof: z.array(base64HashSchema),
  })
  .meta({ id: 'LogConsistencyProof' });
export type LogConsistencyProof = z.infer<typeof logConsistencyProofSchema>;
