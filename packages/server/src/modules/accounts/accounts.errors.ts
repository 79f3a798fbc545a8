import { AppError } from '../../http/app-error.ts';

export const invalidCredentialsError = () => new AppError('accounts.invalid_credentials');
export const accountLockedError = (retryAfterSeconds: number) =>
  new AppError('accounts.account_locked', { retryAfterSeconds });
/** Sign-in slowed down after repeated failures, before the full lock. */
export const signInThrottledError = (retryAfterSeconds: number) =>
  new AppError('accounts.too_many_attempts', { retryAfterSeconds });
export const emailNotVerifiedError = () => new AppError('accounts.email_not_verified');
export const invalidCodeError = () => new AppError('accounts.invalid_code');
export const tooManyCodeAttemptsError = (retryAfterSeconds?: number) =>
  new AppError('accounts.too_many_attempts', retryAfterSeconds ? { retryAfterSeconds } : {});
export const passwordTooShortError = () => new AppError('accounts.password_too_short');
export const passwordTooCommonError = () => new AppError('accounts.password_too_common');
export const wrongPasswordError = () => new AppError('accounts.wrong_password');
export const secondFactorInvalidError = () => new AppError('accounts.second_factor_invalid');
export const secondFactorEnrolmentRequiredError = () => new AppError('accounts.second_factor_enrolment_required');
export const secondFactorAlreadyEnrolledError = () => new AppError('accounts.second_factor_already_enrolled');
export const staffCannotSelfDeleteError = () => new AppError('accounts.staff_cannot_self_delete');
export const notificationChannelRequiredError = () => new AppError('accounts.notification_channel_required');
export const smsNeedsPhoneError = () => new AppError('accounts.sms_needs_phone');
export const unauthenticatedError = () => new AppError('common.unauthenticated');
export const forbiddenError = () => new AppError('common.forbidden');
export const csrfInvalidError = () => new AppError('common.csrf_invalid');
export const staffEmailTakenError = () => new AppError('staff.email_taken');
