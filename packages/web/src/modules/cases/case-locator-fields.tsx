import { TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
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

/** The two inputs, left to right in every language (references and codes are Latin). */
export function CaseLocatorFields({
  values,
  set,
  errors,
  texts,
  testIds,
}: {
  values: CaseLocatorValues;
  set: (field: keyof CaseLocatorValues, value: string) => void;
  errors: FieldErrors;
  texts: { reference: string; referenceHelp: string; accessCode: string; accessCodeHelp: string };
  testIds?: { reference: string; accessCode: string };
}) {
  return (
    <>
      <TextInput
        label={texts.reference}
        description={texts.referenceHelp}
        required
        dir="ltr"
        autoComplete="off"
        value={values.reference}
        onChange={(event) => set('reference', event.currentTarget.value)}
        error={errors.reference}
        data-testid={testIds?.reference}
      />
      <TextInput
        label={texts.accessCode}
        description={texts.accessCodeHelp}
        required
        dir="ltr"
        autoComplete="off"
        value={values.accessCode}
        onChange={(event) => set('accessCode', event.currentTarget.value)}
        error={errors.accessCode}
        data-testid={testIds?.accessCode}
      />
    </>
  );
}
