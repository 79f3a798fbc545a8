import type { Config } from '../../config.ts';
import { phoneCountryNotAllowedError } from './sms.errors.ts';

/**
 * Whether ePeople may text this E.164 number: only numbers of the countries in
 * SMS_ALLOWED_COUNTRY_CODES. Anyone can type a number, so without this a script could make the
 * platform text premium-rate numbers abroad at its expense (SMS pumping, docs/notifications.md).
 * Calling codes form a prefix code (ITU-T E.164): a number starts with exactly one of them.
 */
export function isSmsCountryAllowed(config: Pick<Config, 'SMS_ALLOWED_COUNTRY_CODES'>, phone: string): boolean {
  return config.SMS_ALLOWED_COUNTRY_CODES.some((code) => phone.startsWith(`+${code}`));
}

/** Refuses (400 `contact.phone_country_not_allowed`) a number ePeople will not text. */
export function assertSmsCountryAllowed(config: Pick<Config, 'SMS_ALLOWED_COUNTRY_CODES'>, phone: string): void {
  if (!isSmsCountryAllowed(config, phone)) throw phoneCountryNotAllowedError();
}
