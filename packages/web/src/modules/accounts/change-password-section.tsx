import { changePasswordRequestSchema } from '@epeople/contracts';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormAlert } from '../../app/page.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { isPasswordLongEnough, usePasswordRules } from './account-fields.tsx';

const CODE_FIELDS = {
  'accounts.wrong_password': 'currentPassword',
  'accounts.password_too_short': 'newPassword',
  'accounts.password_too_common': 'newPassword',
};

export function ChangePasswordSection() {
  const { t } = useTranslation();
  const passwordRules = usePasswordRules();
  const [done, setDone] = useState(false);
  const empty = { currentPassword: '', newPassword: '', confirm: '' };
  const { values, set, setValues } = useFields(empty);
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    codeFields: CODE_FIELDS,
    fieldMessages: { currentPassword: 'common.validation.required' },
  });

  const onSubmit = handle(async () => {
    setDone(false);
    const { confirm, ...request } = values;
    const checked = validateForm(changePasswordRequestSchema, request, t, {
      fieldMessages: { currentPassword: 'common.validation.required' },
    });
    if (checked.errors) return checked.errors;
    if (!isPasswordLongEnough(values.newPassword)) {
      return { form: t('common.form.fixFields'), fields: { newPassword: t('common.validation.passwordLength') } };
    }
    if (confirm !== values.newPassword) {
      return { form: t('common.form.fixFields'), fields: { confirm: t('common.validation.passwordMismatch') } };
    }
    await api.post('/me/password', checked.data);
    setValues(empty);
    setDone(true);
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="change-password">
      <Title order={2} size="h3" id="change-password" mb="sm">
        {t('accounts.profile.passwordTitle')}
      </Title>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={errors.form} />
          {done ? (
            <Alert color="teal" variant="light" role="status">
              {t('accounts.profile.passwordChanged')}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('accounts.fields.currentPassword')}
            autoComplete="current-password"
            required
            value={values.currentPassword}
            onChange={(e) => set('currentPassword', e.currentTarget.value)}
            error={errors.fields.currentPassword}
          />
          <PasswordInput
            label={t('accounts.fields.newPassword')}
            description={passwordRules}
            autoComplete="new-password"
            required
            value={values.newPassword}
            onChange={(e) => set('newPassword', e.currentTarget.value)}
            error={errors.fields.newPassword}
          />
          <PasswordInput
            label={t('accounts.fields.confirmPassword')}
            autoComplete="new-password"
            required
            value={values.confirm}
            onChange={(e) => set('confirm', e.currentTarget.value)}
            error={errors.fields.confirm}
          />
          <Group>
            <Button type="submit" variant="default" loading={isSubmitting}>
              {t('accounts.profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
