import { FORBIDDEN_CHARACTER_CODE } from '@epeople/contracts';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../api/api-error.ts';
import { knownKey, type TranslationKey } from '../i18n/keys.ts';

/** Messages to show beside fields, keyed by field path (`email`, `name.ar`). */
export type FieldErrors = Partial<Record<string, string>>;

export interface FormErrors {
  /** The summary shown above the form (translated problem code). */
  form?: string;
  /** The problem code, when the errors came from the API. */
  code?: string;
  fields: FieldErrors;
}

export const NO_ERRORS: FormErrors = { fields: {} };

/** Which translation explains a wrong value, by field name; forms override where names clash. */
const DEFAULT_FIELD_MESSAGES: Record<string, TranslationKey> = {
  email: 'common.validation.email',
  phone: 'common.validation.phone',
  code: 'common.validation.code',
  password: 'common.validation.passwordLength',
  newPassword: 'common.validation.passwordLength',
  fullName: 'common.validation.fullName',
};

export interface FieldMessageOptions {
  /** Field path → i18n key of the message for an invalid value. */
  fieldMessages?: Record<string, TranslationKey>;
  /** Problem code → field it concerns, so e.g. `accounts.password_too_common` shows under the password. */
  codeFields?: Record<string, string>;
}

function messageKeyFor(field: string, options: FieldMessageOptions): TranslationKey {
  const leaf = field.split('.').at(-1) ?? field;
  return options.fieldMessages?.[field] ?? DEFAULT_FIELD_MESSAGES[leaf] ?? 'common.validation.invalid';
}

/** Checks values with a contract schema before sending, so most mistakes are shown at once. */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
  options: FieldMessageOptions = {},
): { data: z.output<S>; errors?: undefined } | { data?: undefined; errors: FormErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    // A refused character (docs/text-input.md) is said as such: the length is not what is wrong.
    const isForbiddenCharacter = issue.code === 'custom' && issue.params?.code === FORBIDDEN_CHARACTER_CODE;
    fields[field] ??= t(isForbiddenCharacter ? `errors.${FORBIDDEN_CHARACTER_CODE}` : messageKeyFor(field, options));
  }
  return { errors: { form: t('common.form.fixFields'), fields } };
}

/** Turns any error from the API client into translated form and field messages. */
export function errorsFromProblem(error: unknown, t: TFunction, options: FieldMessageOptions = {}): FormErrors {
  if (!isApiError(error)) return { form: t('errors.common.internal'), fields: {} };
  const fields: FieldErrors = {};
  for (const problem of error.fieldProblems) {
    if (problem.field) fields[problem.field] ??= t(messageKeyFor(problem.field, options));
  }
  const form = translateProblem(error, t);
  const codeField = options.codeFields?.[error.code];
  if (codeField) fields[codeField] ??= form;
  return { form, code: error.code, fields };
}

/** The translated message of a problem code, with the wait time for rate limits and lockouts. */
export function translateProblem(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.common.internal');
  // The code comes from the server: one this page has no text for yet reads as an internal error.
  const message = t(knownKey(`errors.${error.code}`) ?? 'errors.common.internal');
  const wait = error.retryAfterSeconds;
  if (wait === undefined) return message;
  return `${message} ${t('common.form.retryAfter', { minutes: Math.max(1, Math.ceil(wait / 60)) })}`;
}
