/** What other modules may use: linking uploads when filing, listing and opening a case's files. */
export type { FindCaseForViewer } from './attachments.access.ts';
export { contentDispositionFor, toAttachmentDto } from './attachments.presenter.ts';
export { type AttachmentRow, caseAttachmentsJsonSql, linkAttachmentsSql } from './attachments.repository.ts';
export { attachmentsRoutes } from './attachments.routes.ts';
export { attachmentsStartupHook } from './attachments.startup.ts';
export {
  type AttachmentStorage,
  attachmentStorageFor,
  createAttachmentStorage,
  newStorageKey,
  StoredObjectNotFoundError,
} from './attachments.storage.ts';
export { attachments } from './attachments.table.ts';
export {
  linkAttachmentsToCase,
  listCaseAttachments,
  listUploadsNotForAnonymousNotice,
  ORPHAN_MAX_AGE_MS,
  removeOrphanAttachments,
  uploaderOf,
} from './attachments.usecases.ts';
