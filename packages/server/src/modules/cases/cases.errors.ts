import { AppError } from '../../http/app-error.ts';

/**
 * Unknown reference, wrong access code, someone else's case: one answer for all three, so the
 * answer never tells whether a reference exists.
 */
export const createCaseNotFoundError = () => new AppError('cases.not_found');
export const createInvalidTransitionError = (detail?: string) =>
  new AppError('cases.invalid_transition', detail ? { detail } : {});
export const createActionNotAllowedError = () => new AppError('cases.action_not_allowed');
export const createContactRequiredError = () => new AppError('cases.contact_required');
export const createInvalidIdempotencyKeyError = () => new AppError('cases.invalid_idempotency_key');
export const createIdempotencyConflictError = () => new AppError('cases.idempotency_conflict');
export const createCaseUnitNotFoundError = () => new AppError('cases.unit_not_found');
export const createCaseCategoryNotFoundError = () => new AppError('cases.category_not_found');
export const createAttachmentNotFoundError = () => new AppError('cases.attachment_not_found');
/** docs/threat-model-anonymous-notice.md: an anonymous notice carries only files uploaded for one. */
export const createAttachmentNotAnonymousError = () =>
  new AppError('cases.attachment_not_anonymous', {
    detail:
      'An anonymous notice carries only files uploaded for an anonymous notice (POST /attachments?anonymous=true).',
  });
export const createAlreadyRatedError = () => new AppError('cases.already_rated');
export const createFollowUpUsedError = () => new AppError('cases.follow_up_used');
export const createFollowUpExpiredError = () => new AppError('cases.follow_up_expired');
export const createNoSealedIdentityError = () => new AppError('cases.no_sealed_identity');
export const createIdentityAlreadyRevealedError = () => new AppError('cases.identity_already_revealed');
export const createMessagesNotAvailableError = () => new AppError('cases.messages_not_available');
export const createNoExtensionToConsentError = () => new AppError('cases.no_extension_to_consent');
