import { type Category, resolveRouteQuerySchema, type Unit } from '@epeople/contracts';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormAlert } from '../../../app/page.tsx';
import { validateForm } from '../../../lib/form-errors.ts';
import { localName } from '../../../lib/local-name.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { useFields, useSubmission } from '../../../lib/use-form.ts';
import { GovernorateSelect } from '../../accounts/account-fields.tsx';
import { TreeSelect } from '../admin-components.tsx';
import { requestTypeOptions } from './routing-fields.ts';

interface Resolution {
  unitId: string;
  ruleId: string | null;
  isTriage: boolean;
}

/** "Where would this land?": asks the server's resolver, the same one new cases will use. */
export function RoutePreview({ units, categories }: { units: Unit[]; categories: Category[] }) {
  const { t } = useTranslation();
  const { values, set } = useFields({
    requestType: null as string | null,
    categoryId: null as string | null,
    governorate: null as string | null,
  });
  const [result, setResult] = useState<Resolution | null>(null);
  const { isSubmitting, errors, handle, formRef } = useSubmission();

  const onSubmit = handle(async () => {
    setResult(null);
    const checked = validateForm(
      resolveRouteQuerySchema,
      {
        requestType: values.requestType ?? undefined,
        categoryId: values.categoryId ?? undefined,
        governorate: values.governorate ?? undefined,
      },
      t,
    );
    if (checked.errors) return checked.errors;
    setResult(await api.get<Resolution>('/routing/resolve', checked.data));
  });

  const unit = result ? units.find((candidate) => candidate.id === result.unitId) : undefined;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="route-preview">
      <Title order={2} size="h3" id="route-preview" mb="xs">
        {t('admin.routing.previewTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('admin.routing.previewHelp')}
      </Text>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={errors.form} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label={t('admin.fields.requestType')}
              required
              data={requestTypeOptions(t)}
              value={values.requestType}
              onChange={(value) => set('requestType', value)}
              error={errors.fields.requestType}
            />
            <TreeSelect
              label={t('admin.fields.category')}
              data={treeOptions(categories)}
              value={values.categoryId}
              onChange={(value) => set('categoryId', value)}
            />
            <GovernorateSelect
              label={t('admin.fields.governorate')}
              value={values.governorate}
              onChange={(value) => set('governorate', value)}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" variant="light" loading={isSubmitting}>
              {t('admin.routing.previewSubmit')}
            </Button>
          </Group>
          {result ? (
            <Alert color={result.isTriage ? 'orange' : 'teal'} variant="light" role="status" data-testid="route-result">
              <Text fw={600}>{t('admin.routing.landsIn', { unit: unit ? localName(unit.name) : result.unitId })}</Text>
              <Text size="sm">{result.isTriage ? t('admin.routing.byTriage') : t('admin.routing.byRule')}</Text>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
