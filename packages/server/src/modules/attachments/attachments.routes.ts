import {
  ACCESS_CODE_HEADER,
  caseAttachmentParamsSchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_UPLOAD,
  type UploadAttachmentsQuery,
  uploadAttachmentsQuerySchema,
  uploadAttachmentsResponseSchema,
} from '@epeople/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import type { FindCaseForViewer } from './attachments.access.ts';
import { admitUpload, createAddressLedger, declaredUploadBytes } from './attachments.bounds.ts';
import { contentDispositionFor, toAttachmentDto } from './attachments.presenter.ts';
import { ALLOWED_MEDIA_TYPES } from './attachments.sniff.ts';
import { attachmentStorageFor } from './attachments.storage.ts';
import { receiveUpload } from './attachments.upload.ts';
import { openCaseAttachment, storeUploadedFiles } from './attachments.usecases.ts';

/** POST /attachments (multipart) and GET /cases/{reference}/attachments/{id}. */
export async function attachmentsRoutes(
  app: FastifyInstance,
  { ctx, findCaseForViewer }: { ctx: AppContext; findCaseForViewer: FindCaseForViewer },
): Promise<void> {
  const tags = ['attachments'];
  const db = ctx.database.db;
  // Bytes uploaded without an account, per client address, in this process (attachments.bounds.ts).
  const ledger = createAddressLedger({
    limitBytes: ctx.config.UNAUTHENTICATED_UPLOAD_BYTES_PER_ADDRESS,
    windowMs: ctx.config.UNAUTHENTICATED_UPLOAD_TTL_MINUTES * 60_000,
  });

  // The multipart parser exists only inside this scope: every other route still accepts JSON only.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: MAX_ATTACHMENT_BYTES,
        files: MAX_ATTACHMENTS_PER_UPLOAD,
        fields: 0,
        parts: MAX_ATTACHMENTS_PER_UPLOAD + 1,
        headerPairs: 50,
      },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/attachments',
      {
        config: {
          rateLimit: { max: 30, timeWindow: '1 minute' },
          // Files for an anonymous notice are uploaded as nobody's (docs/threat-model-anonymous-notice.md).
          isAnonymousRequest: (request) => (request.query as UploadAttachmentsQuery).anonymous === 'true',
        },
        schema: {
          tags,
          summary: `Upload 1–${MAX_ATTACHMENTS_PER_UPLOAD} files (multipart/form-data) to reference when filing`,
          description:
            'Each file at most 10 MB; PDF, JPEG, PNG or office documents, recognised from the content. ' +
            'Answers the attachment ids for `attachmentIds` of the filing; unlinked uploads are removed after 24 hours ' +
            '(uploads without an account sooner). With `anonymous=true` (for an anonymous notice) no session is used, ' +
            'only PDF, JPEG and PNG are accepted, and their metadata is removed and their names replaced. Uploads ' +
            'without an account are bounded per client address and in total; every upload is refused while the disk is nearly full.',
          consumes: ['multipart/form-data'],
          querystring: uploadAttachmentsQuerySchema,
          response: { 201: uploadAttachmentsResponseSchema },
          openapi: {
            problems: [
              'attachments.address_quota_exceeded',
              'attachments.capacity_reached',
              'attachments.no_files',
              'attachments.storage_full',
              'attachments.too_large',
              'attachments.too_many',
              'attachments.type_not_allowed',
              'attachments.type_not_allowed_anonymous',
            ],
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: {
                    type: 'object',
                    properties: {
                      files: {
                        type: 'array',
                        minItems: 1,
                        maxItems: MAX_ATTACHMENTS_PER_UPLOAD,
                        items: { type: 'string', contentMediaType: 'application/octet-stream' },
                        description: 'The files, each a part with a file name; the part names are free',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      async (request, reply) => {
        const admission = await admitUpload({
          db,
          config: ctx.config,
          ledger,
          actor: request.actor,
          clientAddress: request.ip,
          declaredBytes: declaredUploadBytes(request.headers['content-length']),
        });
        try {
          const upload = await receiveUpload(request);
          try {
            const rows = await storeUploadedFiles({
              db,
              storage: attachmentStorageFor(ctx),
              actor: request.actor,
              requestId: request.id,
              files: upload.files,
              anonymous: request.query.anonymous === 'true',
            });
            // What the client sent counts, even when less was kept (a rewritten PDF can be far smaller).
            const received = upload.files.reduce((total, file) => total + file.size, 0);
            const stored = rows.reduce((total, row) => total + row.sizeBytes, 0);
            admission.settle(Math.max(received, stored));
            return reply.status(201).send({ attachments: rows.map(toAttachmentDto) });
          } finally {
            await upload.discard();
          }
        } catch (error) {
          admission.release();
          throw error;
        }
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/cases/:reference/attachments/:id',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Download an attachment of a case (owner, access code in x-access-code, or staff of its unit)',
        params: caseAttachmentParamsSchema,
        openapi: {
          problems: ['attachments.not_found', 'cases.not_found'],
          responses: {
            200: {
              description: 'The file as stored, in the type recognised from its content at upload',
              content: Object.fromEntries(
                Object.keys(ALLOWED_MEDIA_TYPES).map((type) => [
                  type,
                  { schema: { type: 'string', contentMediaType: type } },
                ]),
              ),
            },
          },
        },
      },
    },
    async (request, reply) => {
      const accessCode = request.headers[ACCESS_CODE_HEADER];
      const { attachment, content } = await openCaseAttachment({
        db,
        config: ctx.config,
        storage: attachmentStorageFor(ctx),
        actor: request.actor,
        reference: request.params.reference,
        accessCode: typeof accessCode === 'string' ? accessCode : undefined,
        client: request.ip,
        attachmentId: request.params.id,
        requestId: request.id,
        findCaseForViewer,
      });
      return reply
        .header('content-type', attachment.mediaType)
        .header('content-length', String(attachment.sizeBytes))
        .header('content-disposition', contentDispositionFor(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
}
