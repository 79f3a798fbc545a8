import { TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldErrors, FormErrors } from '../../lib/form-errors.ts';

/** A case's reference and access code, as a guest or anonymous reporter types them. */
export interface CaseLocatorValues {
  reference: string;
  accessCode: string;
}

/**
 * The typed values made usable (references are upper case, spaces around are dropped), or the
 * form's errors when one is missing: both the tracking page and the verification page ask for
 * the same two things.
 */
export function readCaseLocator(
  values: CaseLocatorValues,
  t: TFunction,
): { locator: CaseLocatorValues; errors?: undefined } | { locator?: undefined; errors: FormErrors } {
  const reference = values.reference.trim().toUpperCase();
  const accessCode = values.accessCode.trim();
  if (reference && accessCode) return { locator: { reference, accessCode } };
  return {
    errors: {
      form: t('common.form.fixFields'),
      fields: {
        ...(reference ? {} : { reference: t('common.validation.required') }),
        ...(accessCode ? {} : { accessCode: t('common.validation.required') }),
      },
    },
  };
}

const LOCATOR_FIELDS = ['reference', 'accessCode'] as const;

/**
 * The two inputs, left to right in every language (references and codes are Latin). Their
 * labels are `<textsKey>.reference`, `.referenceHelp`, `.accessCode` and `.accessCodeHelp`.
 */
export function CaseLocatorFields({
  values,
  set,
  errors,
  textsKey,
  testIds,
}: {
  values: CaseLocatorValues;
  set: (field: keyof CaseLocatorValues, value: string) => void;
  errors: FieldErrors;
  textsKey: 'cases.track' | 'verify.reference';
  testIds?: CaseLocatorValues;
}) {
  const { t } = useTranslation();
  return LOCATOR_FIELDS.map((field) => (
    <TextInput
      key={field}
      label={t(`${textsKey}.${field}`)}
      description={t(`${textsKey}.${field}Help`)}
      required
      dir="ltr"
      autoComplete="off"
      value={values[field]}
      onChange={(event) => set(field, event.currentTarget.value)}
      error={errors[field]}
      data-testid={testIds?.[field]}
    />
  ));
}
