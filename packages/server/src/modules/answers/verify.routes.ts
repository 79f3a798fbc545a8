import {
  FORBIDDEN_CHARACTER_CODE,
  publicAnswerVerificationSchema,
  trustAnchorsSchema,
  verificationResultSchema,
  verifyByReferenceSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/app-error.ts';
import { createDocumentTooLargeError, createNotAPdfError } from './answers.errors.ts';
import { trustAnchors } from './usecases/trust-anchors.ts';
import { verifyCaseAnswer, verifyPublicAnswer } from './usecases/verify-case-answer.ts';
import { verifyDocument } from './usecases/verify-document.ts';

/** A letter is a page or a few with an embedded font subset: far below this. */
export const MAX_VERIFIED_DOCUMENT_BYTES = 10 * 1024 * 1024;
const PDF_MAGIC = '%PDF-';

/** The public verifier: POST /verify, GET /verify/answers/{id}, GET /verify/trust-anchors. */
export async function verifyRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const tags = ['verification'];

  // The PDF body parser exists only inside this scope: every other route still accepts JSON only.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: MAX_VERIFIED_DOCUMENT_BYTES },
      (_request, body, done) => done(null, body),
    );
    // An announced oversized letter is refused in the verifier's own words before it is read
    // (a body without a length still stops at the limit, as common.payload_too_large).
    scope.addHook('onRequest', async (request) => {
      if (Number(request.headers['content-length'] ?? 0) > MAX_VERIFIED_DOCUMENT_BYTES) {
        throw createDocumentTooLargeError(MAX_VERIFIED_DOCUMENT_BYTES);
      }
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/verify',
      {
        bodyLimit: MAX_VERIFIED_DOCUMENT_BYTES,
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Verify an answer letter: send the PDF (application/pdf) or a reference and access code (JSON)',
          description:
            'With `content-type: application/pdf` the body is the letter as received. With `application/json` the ' +
            'body is `{ "reference", "accessCode" }` and the latest signed answer of that case is checked.',
          consumes: ['application/pdf', 'application/json'],
          response: { 200: verificationResultSchema },
          openapi: {
            problems: [
              'answers.not_found',
              'cases.not_found',
              'verify.not_a_pdf',
              'verify.document_too_large',
              'verify.document_too_complex',
              'verify.busy',
            ],
            requestBody: {
              required: true,
              content: {
                'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
                'application/json': { schema: z.toJSONSchema(verifyByReferenceSchema, { io: 'input' }) },
              },
            },
          },
        },
      },
      async (request) => {
        if (Buffer.isBuffer(request.body)) {
          const pdf = request.body;
          if (pdf.subarray(0, 1024).indexOf(PDF_MAGIC) < 0) throw createNotAPdfError();
          return verifyDocument(ctx, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
        }
        const parsed = verifyByReferenceSchema.safeParse(request.body);
        if (!parsed.success) {
          // A refused character keeps its own code, as on every JSON route (plugins/problem-details.ts, docs/text-input.md).
          const hasForbiddenCharacter = parsed.error.issues.some(
            (issue) => (issue as { params?: { code?: unknown } }).params?.code === FORBIDDEN_CHARACTER_CODE,
          );
          throw new AppError(hasForbiddenCharacter ? FORBIDDEN_CHARACTER_CODE : 'common.validation_failed', {
            errors: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
          });
        }
        return verifyCaseAnswer({ ctx, actor: request.actor, ...parsed.data, client: request.ip });
      },
    );
  });

  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/verify/answers/:id',
    {
      schema: {
        openapi: { problems: ['answers.not_found'] },
        tags,
        summary: 'The public facts of a signed answer and its transparency-log proof (what the QR code opens)',
        params: z.object({ id: z.uuid() }),
        response: { 200: publicAnswerVerificationSchema },
      },
    },
    async (request) => verifyPublicAnswer(ctx, request.params.id),
  );
  routes.get(
    '/verify/trust-anchors',
    {
      schema: {
        tags,
        summary: 'The root certificates and the transparency log key that verification trusts',
        response: { 200: trustAnchorsSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return trustAnchors(ctx);
    },
  );
}
