import { emailOnlyRequestSchema, verifyEmailRequestSchema } from '@epeople/contracts';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { FormAlert, NavigationNotice, PageHeader } from '../../app/page.tsx';
import { translateProblem, validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { LTR_INPUT } from './account-fields.tsx';
import { CodeInput } from './code-input.tsx';

const CODE_FIELDS = { 'accounts.invalid_code': 'code' };

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { values, set } = useFields({ email: params.get('email') ?? '', code: '' });
  const { isSubmitting, errors, setErrors, handle, formRef } = useSubmission({ codeFields: CODE_FIELDS });
  const [resendState, setResendState] = useState<'idle' | 'sending' | 'sent'>('idle');

  const onSubmit = handle(async () => {
    const checked = validateForm(verifyEmailRequestSchema, values, t);
    if (checked.errors) return checked.errors;
    await api.post('/auth/verify-email', checked.data);
    navigate(`/sign-in?email=${encodeURIComponent(checked.data.email)}`, {
      state: { notice: 'accounts.verify.done' },
    });
  });

  async function resend() {
    const checked = validateForm(emailOnlyRequestSchema, { email: values.email }, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setResendState('sending');
    try {
      await api.post('/auth/resend-verification', checked.data);
      setResendState('sent');
    } catch (error) {
      setResendState('idle');
      setErrors({ form: translateProblem(error, t), fields: {} });
    }
  }

  return (
    <Stack maw={520} mx="auto">
      <PageHeader title={t('accounts.verify.title')} description={t('accounts.verify.description')} />
      <NavigationNotice />
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
            <CodeInput
              label={t('accounts.verify.code')}
              description={t('accounts.verify.codeHelp')}
              required
              value={values.code}
              onChange={(value) => set('code', value)}
              error={errors.fields.code}
            />
            <Button type="submit" size="md" loading={isSubmitting} data-testid="verify-submit">
              {t('accounts.verify.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {resendState === 'sent' ? (
        <Alert color="teal" variant="light" role="status">
          {t('accounts.verify.resent')}
        </Alert>
      ) : null}
      <Group gap="sm">
        <Text size="sm">
          {t('accounts.verify.noCode')}{' '}
          <Anchor component="button" type="button" onClick={() => void resend()} disabled={resendState === 'sending'}>
            {t('accounts.verify.resend')}
          </Anchor>
        </Text>
      </Group>
    </Stack>
  );
}
