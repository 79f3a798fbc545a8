import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_UPLOAD } from '@epeople/contracts';
import { AppError } from '../../http/app-error.ts';

export const createNoFilesError = () => new AppError('attachments.no_files');
export const createTooLargeError = () =>
  new AppError('attachments.too_large', { detail: `Each file may be at most ${MAX_ATTACHMENT_BYTES} bytes.` });
export const createTooManyError = () =>
  new AppError('attachments.too_many', { detail: `At most ${MAX_ATTACHMENTS_PER_UPLOAD} files at once.` });
export const createTypeNotAllowedError = () =>
  new AppError('attachments.type_not_allowed', {
    detail: 'Accepted: PDF, JPEG, PNG, Word, Excel, PowerPoint and OpenDocument files (checked from the content).',
  });
export const createAttachmentNotFoundError = () => new AppError('attachments.not_found');
