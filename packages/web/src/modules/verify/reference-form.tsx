import type { VerificationResult } from '@epeople/contracts';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../app/page.tsx';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { CaseLocatorFields, readCaseLocator } from '../cases/case-locator-fields.tsx';
import { verifyByReference } from './verify-api.ts';

/** Verification by the case's reference and access code, for someone who has them but not the file. */
export function ReferenceForm({ onResult }: { onResult: (result: VerificationResult) => void }) {
  const { t } = useTranslation();
  const { values, set } = useFields({ reference: '', accessCode: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({ codeFields: { 'cases.not_found': 'reference' } });

  const onSubmit = handle(async () => {
    const { locator, errors: missing } = readCaseLocator(values, t);
    if (!locator) return missing;
    onResult(await verifyByReference(locator));
    return undefined;
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={560}>
        <FormAlert message={errors.form} />
        <CaseLocatorFields
          values={values}
          set={set}
          errors={errors.fields}
          textsKey="verify.reference"
          testIds={{ reference: 'verify-reference', accessCode: 'verify-access-code' }}
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
