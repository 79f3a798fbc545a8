import type { AttachmentDto } from '@epeople/contracts';
import type { AttachmentRow } from './attachments.repository.ts';

export function toAttachmentDto(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.sizeBytes,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * `attachment` with an ASCII fallback and the exact name as RFC 5987 `filename*`, so browsers
 * save Arabic names correctly and nothing in the name can break out of the header.
 */
export function contentDispositionFor(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
