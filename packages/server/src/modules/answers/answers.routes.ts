import { ACCESS_CODE_HEADER, caseAnswerParamsSchema, caseAnswersResponseSchema } from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { contentDispositionFor } from '../attachments/index.ts';
import { type AnswerFile, listCaseAnswers, openAnswerFile } from './usecases/case-answers.ts';

const FILE_NAMES: Record<string, AnswerFile> = {
  'letter.pdf': 'letter',
  'record.json': 'record',
  'record.p7s': 'recordSignature',
  'receipt.tlog-proof': 'receipt',
};
const answerFileParamsSchema = caseAnswerParamsSchema.extend({
  file: z.enum(Object.keys(FILE_NAMES) as [string, ...string[]]),
});

const accessCodeOf = (headers: Record<string, unknown>) => {
  const value = headers[ACCESS_CODE_HEADER];
  return typeof value === 'string' ? value : undefined;
};

/** GET /cases/{reference}/answers and the four files of each signed answer. */
export async function answersRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const tags = ['answers'];
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/cases/:reference/answers',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        openapi: { problems: ['cases.not_found', 'common.rate_limited'] },
        tags,
        summary: 'The signed answers of a case (owner, access code in x-access-code, or staff of its unit)',
        params: caseAnswerParamsSchema.pick({ reference: true }),
        response: { 200: caseAnswersResponseSchema },
      },
    },
    async (request) => ({
      answers: await listCaseAnswers({
        ctx,
        actor: request.actor,
        reference: request.params.reference,
        accessCode: accessCodeOf(request.headers),
        client: request.ip,
      }),
    }),
  );

  routes.get(
    '/cases/:reference/answers/:id/:file',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'A file of a signed answer: the PAdES letter, the canonical record, its CMS signature, the log receipt',
        description:
          'letter.pdf (verify with `pdfsig`), record.json + record.p7s (`openssl cms -verify -binary -inform DER ' +
          '-in record.p7s -content record.json -CAfile root.pem`), receipt.tlog-proof (C2SP tlog-proof).',
        params: answerFileParamsSchema,
        openapi: {
          problems: ['answers.not_found', 'cases.not_found', 'common.rate_limited'],
          responses: {
            200: {
              description: 'The file: letter.pdf, record.json, record.p7s or receipt.tlog-proof',
              content: {
                'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
                'application/json': { schema: { type: 'object' } },
                'application/pkcs7-signature': {
                  schema: { type: 'string', contentMediaType: 'application/pkcs7-signature' },
                },
                'text/plain': { schema: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const file = FILE_NAMES[request.params.file] as AnswerFile;
      const opened = await openAnswerFile({
        ctx,
        actor: request.actor,
        reference: request.params.reference,
        accessCode: accessCodeOf(request.headers),
        client: request.ip,
        answerId: request.params.id,
        file,
        requestId: request.id,
      });
      reply
        .header('content-type', opened.mediaType)
        .header('content-disposition', contentDispositionFor(opened.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
      if (opened.sizeBytes !== undefined) reply.header('content-length', String(opened.sizeBytes));
      const { content } = opened;
      return reply.send(
        content instanceof Uint8Array ? Buffer.from(content.buffer, content.byteOffset, content.byteLength) : content,
      );
    },
  );
}
