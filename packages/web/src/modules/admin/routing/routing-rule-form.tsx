import { type Category, createRoutingRuleRequestSchema, type Unit } from '@epeople/contracts';
import { Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormAlert } from '../../../app/page.tsx';
import { validateForm } from '../../../lib/form-errors.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { useFields, useSubmission } from '../../../lib/use-form.ts';
import { GovernorateSelect } from '../../accounts/account-fields.tsx';
import { FormActions, TreeSelect } from '../admin-components.tsx';
import { requestTypeOptions } from './routing-fields.ts';

const MESSAGES = {
  codeFields: { 'routing.unit_not_found': 'unitId', 'routing.category_not_found': 'categoryId' },
};

export function RoutingRuleForm({
  units,
  categories,
  onSaved,
  onCancel,
}: {
  units: Unit[];
  categories: Category[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { values, set } = useFields({
    requestType: null as string | null,
    categoryId: null as string | null,
    governorate: null as string | null,
    unitId: null as string | null,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission(MESSAGES);

  const onSubmit = handle(async () => {
    const checked = validateForm(createRoutingRuleRequestSchema, values, t, MESSAGES);
    if (checked.errors) return checked.errors;
    await api.post('/admin/routing-rules', checked.data);
    onSaved();
  });

  const any = t('admin.routing.any');
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('admin.routing.createHelp')}
        </Text>
        <FormAlert message={errors.form} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('admin.fields.requestType')}
            placeholder={any}
            clearable
            data={requestTypeOptions(t)}
            value={values.requestType}
            onChange={(value) => set('requestType', value)}
            error={errors.fields.requestType}
          />
          <TreeSelect
            label={t('admin.fields.category')}
            placeholder={any}
            data={treeOptions(categories)}
            value={values.categoryId}
            onChange={(value) => set('categoryId', value)}
            error={errors.fields.categoryId}
          />
          <GovernorateSelect
            label={t('admin.fields.governorate')}
            placeholder={any}
            value={values.governorate}
            onChange={(value) => set('governorate', value)}
            error={errors.fields.governorate}
          />
        </SimpleGrid>
        <TreeSelect
          label={t('admin.fields.targetUnit')}
          required
          clearable={false}
          data={treeOptions(units)}
          value={values.unitId}
          onChange={(value) => set('unitId', value)}
          error={errors.fields.unitId}
        />
        <FormActions onCancel={onCancel} isSubmitting={isSubmitting} />
      </Stack>
    </form>
  );
}
