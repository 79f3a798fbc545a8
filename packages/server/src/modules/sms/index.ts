/** Text messages: the gateway interface (HTTP or the development stand-in) and the SMS texts. */

export { assertSmsCountryAllowed, isSmsCountryAllowed } from './sms.countries.ts';
export {
  createHttpSmsGateway,
  createKeptSmsGateway,
  createSmsGateway,
  SmsCountryNotAllowedError,
  type SmsGateway,
  SmsGatewayError,
} from './sms.gateway.ts';
export { smsRoutes } from './sms.routes.ts';
export { renderSms, SMS_TEMPLATES, type SmsParams } from './sms.templates.ts';
