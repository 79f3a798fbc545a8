import type { VerificationResult } from '@epeople/contracts';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../app/page.tsx';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { verifyByReference } from './verify-api.ts';

/** Verification by the case's reference and access code, for someone who has them but not the file. */
export function ReferenceForm({ onResult }: { onResult: (result: VerificationResult) => void }) {
  const { t } = useTranslation();
  const { values, set } = useFields({ reference: '', accessCode: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({ codeFields: { 'cases.not_found': 'reference' } });

  const onSubmit = handle(async () => {
    const reference = values.reference.trim().toUpperCase();
    const accessCode = values.accessCode.trim();
    if (!reference || !accessCode) {
      return {
        form: t('common.form.fixFields'),
        fields: {
          ...(reference ? {} : { reference: t('common.validation.required') }),
          ...(accessCode ? {} : { accessCode: t('common.validation.required') }),
        },
      };
    }
    onResult(await verifyByReference({ reference, accessCode }));
    return undefined;
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={560}>
        <FormAlert message={errors.form} />
        <TextInput
          label={t('verify.reference.reference')}
          description={t('verify.reference.referenceHelp')}
          required
          dir="ltr"
          autoComplete="off"
          value={values.reference}
          onChange={(event) => set('reference', event.currentTarget.value)}
          error={errors.fields.reference}
          data-testid="verify-reference"
        />
        <TextInput
          label={t('verify.reference.accessCode')}
          description={t('verify.reference.accessCodeHelp')}
          required
          dir="ltr"
          autoComplete="off"
          value={values.accessCode}
          onChange={(event) => set('accessCode', event.currentTarget.value)}
          error={errors.fields.accessCode}
          data-testid="verify-access-code"
        />
        <Group>
          <Button type="submit" loading={isSubmitting} data-testid="verify-submit">
            {t('verify.reference.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
