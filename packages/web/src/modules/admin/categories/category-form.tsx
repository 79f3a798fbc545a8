import {
  type Category,
  createCategoryRequestSchema,
  type TrilingualName,
  updateCategoryRequestSchema,
} from '@epeople/contracts';
import { Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormAlert } from '../../../app/page.tsx';
import { type FieldMessageOptions, validateForm } from '../../../lib/form-errors.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { useFields, useSubmission } from '../../../lib/use-form.ts';
import { ActiveSwitch, FormActions, TreeSelect, TrilingualNameFields } from '../admin-components.tsx';

const MESSAGES: FieldMessageOptions = {
  fieldMessages: { code: 'admin.fields.codeInvalid' },
  codeFields: {
    'categories.code_taken': 'code',
    'categories.parent_cycle': 'parentId',
    'categories.parent_not_found': 'parentId',
  },
};

export function CategoryForm({
  categories,
  category,
  onSaved,
  onCancel,
}: {
  categories: Category[];
  category?: Category | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { values, set } = useFields({
    parentId: category?.parentId ?? null,
    code: category?.code ?? '',
    name: category?.name ?? ({ ar: '', fr: '', en: '' } satisfies TrilingualName),
    isActive: category?.isActive ?? true,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission(MESSAGES);

  const onSubmit = handle(async () => {
    if (category) {
      const checked = validateForm(
        updateCategoryRequestSchema,
        { parentId: values.parentId, name: values.name, isActive: values.isActive },
        t,
        MESSAGES,
      );
      if (checked.errors) return checked.errors;
      await api.patch(`/admin/categories/${category.id}`, checked.data);
    } else {
      const checked = validateForm(
        createCategoryRequestSchema,
        { parentId: values.parentId, code: values.code, name: values.name },
        t,
        MESSAGES,
      );
      if (checked.errors) return checked.errors;
      await api.post('/admin/categories', checked.data);
    }
    onSaved();
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.form} />
        <TrilingualNameFields value={values.name} onChange={(name) => set('name', name)} errors={errors.fields} />
        <TextInput
          label={t('admin.fields.code')}
          description={t('admin.fields.codeHelp')}
          required
          disabled={Boolean(category)}
          dir="ltr"
          value={values.code}
          onChange={(e) => set('code', e.currentTarget.value)}
          error={errors.fields.code}
        />
        <TreeSelect
          label={t('admin.fields.parentCategory')}
          description={t('admin.fields.parentHelp')}
          data={treeOptions(categories, category?.id)}
          value={values.parentId}
          onChange={(value) => set('parentId', value)}
          error={errors.fields.parentId}
        />
        {category ? <ActiveSwitch checked={values.isActive} onChange={(checked) => set('isActive', checked)} /> : null}
        <FormActions onCancel={onCancel} isSubmitting={isSubmitting} />
      </Stack>
    </form>
  );
}
