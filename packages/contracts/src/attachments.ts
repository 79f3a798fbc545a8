import { z } from 'zod';
import { singleLineText } from './text.ts';

/** Upload limits (docs/PRODUCT.md §4.3): at most this many files per filing, each at most this large. */
export const MAX_ATTACHMENTS_PER_UPLOAD = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * What the file picker offers; the server decides from the content alone (PDF, JPEG, PNG,
 * Word/Excel/PowerPoint, OpenDocument text/spreadsheet/presentation, legacy .doc/.xls/.ppt).
 */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt';
/** What an anonymous notice accepts: the types whose metadata the server removes (PDF and pictures). */
export const ANONYMOUS_ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png';

export const attachmentSchema = z
  .strictObject({
    id: z.uuid(),
    /** Sanitised; its extension matches the type found in the content. */
    fileName: z.string(),
    /** Sniffed from the content, never the type the client declared. */
    mediaType: z.string(),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Attachment' });
export type AttachmentDto = z.infer<typeof attachmentSchema>;

/**
 * POST /api/v1/attachments (multipart/form-data, 1–5 parts named `file`) answers these; the
 * filing then lists their ids in `attachmentIds`. Unlinked uploads are removed after 24 hours
 * (uploads without an account sooner: an hour by default).
 */
export const uploadAttachmentsResponseSchema = z
  .strictObject({ attachments: z.array(attachmentSchema) })
  .meta({ id: 'UploadedAttachments' });

/**
 * `?anonymous=true` uploads files for an anonymous notice: the server keeps no link to any
 * session or account, removes the files' metadata and renames them (attachment-1.jpg); office
 * documents are refused (save them as PDF). Only such uploads may be linked to an anonymous
 * notice. See docs/threat-model-anonymous-notice.md.
 */
export const uploadAttachmentsQuerySchema = z.strictObject({ anonymous: z.enum(['true', 'false']).optional() });
export type UploadAttachmentsQuery = z.infer<typeof uploadAttachmentsQuerySchema>;

export const caseAttachmentParamsSchema = z.strictObject({
  reference: singleLineText(1, 40),
  id: z.uuid(),
});
