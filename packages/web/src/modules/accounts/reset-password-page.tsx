import { resetPasswordRequestSchema } from '@epeople/contracts';
import { Button, Paper, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { FormAlert, NavigationNotice, PageHeader } from '../../app/page.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { isPasswordLongEnough, LTR_INPUT, usePasswordRules } from './account-fields.tsx';
import { CodeInput } from './code-input.tsx';

const CODE_FIELDS = {
  'accounts.invalid_code': 'code',
  'accounts.password_too_short': 'newPassword',
  'accounts.password_too_common': 'newPassword',
};

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const passwordRules = usePasswordRules();
  const { values, set } = useFields({ email: params.get('email') ?? '', code: '', newPassword: '', confirm: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({ codeFields: CODE_FIELDS });

  const onSubmit = handle(async () => {
    const { confirm, ...request } = values;
    const checked = validateForm(resetPasswordRequestSchema, request, t);
    if (checked.errors) return checked.errors;
    if (!isPasswordLongEnough(values.newPassword)) {
      return { form: t('common.form.fixFields'), fields: { newPassword: t('common.validation.passwordLength') } };
    }
    if (confirm !== values.newPassword) {
      return { form: t('common.form.fixFields'), fields: { confirm: t('common.validation.passwordMismatch') } };
    }
    await api.post('/auth/password/reset', checked.data);
    navigate(`/sign-in?email=${encodeURIComponent(checked.data.email)}`, {
      state: { notice: 'accounts.reset.done' },
    });
  });

  return (
    <Stack maw={520} mx="auto">
      <PageHeader title={t('accounts.reset.title')} description={t('accounts.reset.description')} />
      <NavigationNotice />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.form} />
            <TextInput
              label={t('accounts.fields.email')}
              type="email"
              autoComplete="username"
              required
              {...LTR_INPUT}
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.fields.email}
            />
            <CodeInput
              label={t('accounts.reset.code')}
              description={t('accounts.reset.codeHelp')}
              required
              value={values.code}
              onChange={(value) => set('code', value)}
              error={errors.fields.code}
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
            <Button type="submit" size="md" loading={isSubmitting}>
              {t('accounts.reset.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
