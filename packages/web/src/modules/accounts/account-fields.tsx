import { GOVERNORATES, LANGUAGES, type Language, PASSWORD_MIN_LENGTH } from '@epeople/contracts';
import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGE_NAMES } from '../../i18n/index.ts';

/** Governorates in the reader's language, searchable (24 of them). */
export function GovernorateSelect(props: Omit<SelectProps, 'data'>) {
  const language = currentLanguage();
  const data = GOVERNORATES.map((g) => ({ value: g.code, label: g[language] }));
  return <Select searchable clearable data={data} {...props} />;
}

export function LanguageSelect(props: Omit<SelectProps, 'data'>) {
  const data = LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }));
  return <Select allowDeselect={false} data={data} {...props} />;
}

export function governorateName(code: string | null | undefined, language: Language = currentLanguage()): string {
  return GOVERNORATES.find((g) => g.code === code)?.[language] ?? '';
}

/** The password rules, stated where the password is chosen. */
export function usePasswordRules(): string {
  const { t } = useTranslation();
  return t('accounts.password.rules', { min: PASSWORD_MIN_LENGTH });
}

/** Accepts "20 123 456", "0021620123456" or "+216 20 123 456" and gives E.164 (+21620123456). */
export function normalizePhone(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  if (!compact) return undefined;
  if (/^\d{8}$/.test(compact)) return `+216${compact}`;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  return compact;
}

/** A too-short password is caught before sending; the common-password check is the server's. */
export function isPasswordLongEnough(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH;
}

export const LTR_INPUT = { dir: 'ltr' } as const;
