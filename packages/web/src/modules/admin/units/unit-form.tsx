import {
  createUnitRequestSchema,
  type TrilingualName,
  UNIT_KINDS,
  type Unit,
  updateUnitRequestSchema,
} from '@epeople/contracts';
import { Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormAlert } from '../../../app/page.tsx';
import { type FieldMessageOptions, validateForm } from '../../../lib/form-errors.ts';
import { treeOptions } from '../../../lib/tree.ts';
import { useFields, useSubmission } from '../../../lib/use-form.ts';
import { GovernorateSelect } from '../../accounts/account-fields.tsx';
import { ActiveSwitch, FormActions, TreeSelect, TrilingualNameFields } from '../admin-components.tsx';

const MESSAGES: FieldMessageOptions = {
  fieldMessages: { code: 'admin.fields.codeInvalid', 'name.ar': 'common.validation.required' },
  codeFields: { 'units.code_taken': 'code', 'units.parent_cycle': 'parentId', 'units.parent_not_found': 'parentId' },
};

/** Creates a unit, or edits one (its kind and code are fixed once made). */
export function UnitForm({
  units,
  unit,
  onSaved,
  onCancel,
}: {
  units: Unit[];
  unit?: Unit | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { values, set } = useFields({
    parentId: unit?.parentId ?? null,
    kind: (unit?.kind ?? null) as string | null,
    code: unit?.code ?? '',
    name: unit?.name ?? ({ ar: '', fr: '', en: '' } satisfies TrilingualName),
    governorate: (unit?.governorate ?? null) as string | null,
    isActive: unit?.isActive ?? true,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission(MESSAGES);

  const onSubmit = handle(async () => {
    if (unit) {
      const checked = validateForm(
        updateUnitRequestSchema,
        { parentId: values.parentId, name: values.name, governorate: values.governorate, isActive: values.isActive },
        t,
        MESSAGES,
      );
      if (checked.errors) return checked.errors;
      await api.patch(`/admin/units/${unit.id}`, checked.data);
    } else {
      const checked = validateForm(
        createUnitRequestSchema,
        {
          parentId: values.parentId,
          kind: values.kind ?? undefined,
          code: values.code,
          name: values.name,
          governorate: values.governorate,
        },
        t,
        MESSAGES,
      );
      if (checked.errors) return checked.errors;
      await api.post('/admin/units', checked.data);
    }
    onSaved();
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={errors.form} />
        <TrilingualNameFields value={values.name} onChange={(name) => set('name', name)} errors={errors.fields} />
        <Select
          label={t('admin.fields.kind')}
          required
          disabled={Boolean(unit)}
          data={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`admin.unitKinds.${kind}`) }))}
          value={values.kind}
          onChange={(value) => set('kind', value)}
          error={errors.fields.kind}
        />
        <TextInput
          label={t('admin.fields.code')}
          description={t('admin.fields.codeHelp')}
          required
          disabled={Boolean(unit)}
          dir="ltr"
          value={values.code}
          onChange={(e) => set('code', e.currentTarget.value)}
          error={errors.fields.code}
        />
        <TreeSelect
          label={t('admin.fields.parentUnit')}
          description={t('admin.fields.parentHelp')}
          data={treeOptions(units, unit?.id)}
          value={values.parentId}
          onChange={(value) => set('parentId', value)}
          error={errors.fields.parentId}
        />
        <GovernorateSelect
          label={t('admin.fields.governorate')}
          value={values.governorate}
          onChange={(value) => set('governorate', value)}
          error={errors.fields.governorate}
        />
        {unit ? <ActiveSwitch checked={values.isActive} onChange={(checked) => set('isActive', checked)} /> : null}
        <FormActions onCancel={onCancel} isSubmitting={isSubmitting} />
      </Stack>
    </form>
  );
}
