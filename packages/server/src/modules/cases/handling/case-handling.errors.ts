import { AppError } from '../../../http/app-error.ts';

/** Another handler holds the case: the problem names them by display name only. */
export const createCaseLockedError = (holderName: string | undefined) =>
  new AppError('cases.locked', holderName ? { detail: `The case is being handled by ${holderName}.` } : {});
export const createOutcomeNotForTypeError = () => new AppError('cases.outcome_not_for_type');
export const createAssigneeNotEligibleError = () => new AppError('cases.assignee_not_eligible');
export const createExtensionNeedsConsentError = () => new AppError('cases.extension_needs_consent');
export const createExtensionLimitError = () => new AppError('cases.extension_limit');
export const createOwnDraftReviewError = () => new AppError('cases.own_draft_review');
export const createNoDraftError = () => new AppError('cases.no_draft');
export const createDuplicateTargetInvalidError = () => new AppError('cases.duplicate_target_invalid');
export const createContributorExistsError = () => new AppError('cases.contributor_exists');
export const createTransferTargetInvalidError = () => new AppError('cases.transfer_target_invalid');
export const createNotContributorError = () => new AppError('cases.not_contributor');
