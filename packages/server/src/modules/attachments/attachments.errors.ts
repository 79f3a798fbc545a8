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
export const createTypeNotAllowedAnonymousError = () =>
  new AppError('attachments.type_not_allowed_anonymous', {
    detail:
      'An anonymous notice accepts PDF, JPEG and PNG files, whose metadata can be removed. Save office documents as PDF first.',
  });
/** A file whose metadata could not be removed (damaged, encrypted, too large a picture) is not kept. */
export const createUnreadableError = (cause?: unknown) =>
  new AppError('attachments.unreadable', {
    detail: 'The file could not be read to remove its metadata (damaged, password-protected, or too large a picture).',
    cause,
  });
export const createAddressQuotaExceededError = (retryAfterSeconds: number) =>
  new AppError('attachments.address_quota_exceeded', {
    detail: 'Too much was uploaded from this address without an account; try again later.',
    retryAfterSeconds,
  });
export const createCapacityReachedError = (retryAfterSeconds: number) =>
  new AppError('attachments.capacity_reached', {
    detail: 'Uploads without an account are at capacity; try again later.',
    retryAfterSeconds,
  });
export const createStorageFullError = () =>
  new AppError('attachments.storage_full', { detail: 'The storage for attachments is nearly full.' });
