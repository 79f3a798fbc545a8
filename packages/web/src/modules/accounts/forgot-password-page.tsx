import { emailOnlyRequestSchema } from '@epeople/contracts';
import { Anchor, Button, Paper, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { LTR_INPUT } from './account-fields.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { values, set } = useFields({ email: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission();

  const onSubmit = handle(async () => {
    const checked = validateForm(emailOnlyRequestSchema, values, t);
    if (checked.errors) return checked.errors;
    await api.post('/auth/password/forgot', checked.data);
    navigate(`/reset-password?email=${encodeURIComponent(checked.data.email)}`, {
      state: { notice: 'accounts.forgot.sent' },
    });
  });

  return (
    <Stack maw={480} mx="auto">
      <PageHeader title={t('accounts.forgot.title')} description={t('accounts.forgot.description')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.form} />
            <TextInput
              label={t('accounts.fields.email')}
              type="email"
              autoComplete="email"
              required
              {...LTR_INPUT}
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.fields.email}
            />
            <Button type="submit" size="md" loading={isSubmitting}>
              {t('accounts.forgot.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Anchor component={Link} to="/reset-password" ta="center">
        {t('accounts.forgot.haveCode')}
      </Anchor>
    </Stack>
  );
}
