import { AppError } from '../../http/app-error.ts';

/** A phone number ePeople will not text: outside SMS_ALLOWED_COUNTRY_CODES (docs/notifications.md). */
export const phoneCountryNotAllowedError = () => new AppError('contact.phone_country_not_allowed');
