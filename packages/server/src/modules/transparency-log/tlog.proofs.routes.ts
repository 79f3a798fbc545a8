import {
  logConsistencyProofQuerySchema,
  logConsistencyProofSchema,
  logInclusionProofQuerySchema,
  logInclusionProofSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { consistencyProofFor, inclusionProofFor } from './tlog.reader.ts';

const base64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

/**
 * GET /log/proofs/inclusion and /log/proofs/consistency (under /api/v1): proofs between any two
 * tree sizes up to the latest checkpoint, for clients that would rather not assemble tiles.
 */
export async function transparencyLogProofRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['transparency-log'];
  const db = ctx.database.db;

  typed.get(
    '/log/proofs/inclusion',
    {
      schema: {
        openapi: { problems: ['transparency_log.proof_out_of_range'] },
        tags,
        summary: 'Inclusion proof of a log entry in a tree of a given size (RFC 9162 §2.1.3)',
        querystring: logInclusionProofQuerySchema,
        response: { 200: logInclusionProofSchema },
      },
    },
    async (request, reply) => {
      const { index, treeSize } = request.query;
      const { proof, rootHash } = await inclusionProofFor(db, index, treeSize);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return { index, treeSize, rootHash: base64(rootHash), proof: proof.map(base64) };
    },
  );

  typed.get(
    '/log/proofs/consistency',
    {
      schema: {
        openapi: { problems: ['transparency_log.proof_out_of_range'] },
        tags,
        summary: 'Consistency proof between two tree sizes of the log (RFC 9162 §2.1.4)',
        querystring: logConsistencyProofQuerySchema,
        response: { 200: logConsistencyProofSchema },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const { proof, fromRoot, toRoot } = await consistencyProofFor(db, from, to);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return { from, to, fromRoot: base64(fromRoot), toRoot: base64(toRoot), proof: proof.map(base64) };
    },
  );
}
