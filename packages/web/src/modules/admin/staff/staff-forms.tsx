import { createStaffRequestSchema, newRoleAssignmentSchema, type StaffMember, type Unit } from '@epeople/contracts';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { FormAlert } from '../../../app/page.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { validateForm } from '../../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../../lib/use-form.ts';
import { LanguageSelect, LTR_INPUT } from '../../accounts/account-fields.tsx';
import { EMPTY_ROLE, type RoleDraft, RoleFields } from './role-fields.tsx';

const CREATE_MESSAGES = { codeFields: { 'staff.email_taken': 'email', 'staff.unit_not_found': 'unitId' } };

export function CreateStaffForm({
  units,
  onSaved,
  onCancel,
}: {
  units: Unit[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { values, set } = useFields({
    email: '',
    fullName: '',
    language: currentLanguage() as string,
    role: EMPTY_ROLE as RoleDraft,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission(CREATE_MESSAGES);

  const onSubmit = handle(async () => {
    const checked = validateForm(
      createStaffRequestSchema,
      { email: values.email, fullName: values.fullName, language: values.language, roles: [values.role] },
      t,
      CREATE_MESSAGES,
    );
    if (checked.errors) {
      // Errors of the one role row are shown on its fields (`roles.0.role` → `role`).
      const fields = Object.fromEntries(
        Object.entries(checked.errors.fields).map(([key, message]) => [key.replace(/^roles\.0\./, ''), message]),
      );
      return { ...checked.errors, fields };
    }
    await api.post('/admin/staff', checked.data);
    onSaved();
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('admin.staff.createHelp')}
        </Text>
        <FormAlert message={errors.form} />
        <TextInput
          label={t('accounts.fields.fullName')}
          required
          value={values.fullName}
          onChange={(e) => set('fullName', e.currentTarget.value)}
          error={errors.fields.fullName}
        />
        <TextInput
          label={t('accounts.fields.email')}
          type="email"
          required
          {...LTR_INPUT}
          value={values.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errors.fields.email}
        />
        <LanguageSelect
          label={t('accounts.fields.language')}
          value={values.language}
          onChange={(value) => set('language', value ?? values.language)}
        />
        <RoleFields value={values.role} onChange={(role) => set('role', role)} units={units} errors={errors.fields} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.actions.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('admin.staff.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AddRoleForm({
  member,
  units,
  onSaved,
  onCancel,
}: {
  member: StaffMember;
  units: Unit[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { values, setValues } = useFields<RoleDraft>(EMPTY_ROLE);
  const { isSubmitting, errors, handle, formRef } = useSubmission();

  const onSubmit = handle(async () => {
    const checked = validateForm(newRoleAssignmentSchema, values, t);
    if (checked.errors) return checked.errors;
    await api.post(`/admin/staff/${member.id}/roles`, checked.data);
    onSaved();
  });

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('admin.staff.addRoleFor', { name: member.fullName })}</Text>
        <FormAlert message={errors.form} />
        <RoleFields value={values} onChange={setValues} units={units} errors={errors.fields} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.actions.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('admin.staff.addRole')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
