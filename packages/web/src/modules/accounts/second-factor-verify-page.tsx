import { type SessionResponse, totpCodeRequestSchema } from '@epeople/contracts';
import { Button, Paper, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { PageLoader, safeNext } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { CodeInput } from './code-input.tsx';

/** Staff who enrolled already give the current code from their authenticator app. */
export function SecondFactorVerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { isLoading, session, acceptSession } = useSession();
  const { values, set } = useFields({ code: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    codeFields: { 'accounts.second_factor_invalid': 'code' },
  });
  const next = safeNext(params.get('next'), '/profile');

  const onSubmit = handle(async () => {
    const checked = validateForm(totpCodeRequestSchema, values, t);
    if (checked.errors) return checked.errors;
    const verified = await api.post<SessionResponse>('/auth/second-factor/verify', checked.data);
    acceptSession(verified);
    navigate(next, { replace: true });
  });

  if (isLoading) return <PageLoader />;
  if (!session) return <Navigate to="/sign-in" replace />;
  if (session.status === 'signed_in') return <Navigate to={next} replace />;
  if (session.needsEnrolment) return <Navigate to={`/second-factor/enrol?next=${encodeURIComponent(next)}`} replace />;

  return (
    <Stack maw={480} mx="auto">
      <PageHeader
        title={t('accounts.secondFactor.verifyTitle')}
        description={t('accounts.secondFactor.verifyDescription')}
      />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.form} />
            <CodeInput
              label={t('accounts.secondFactor.code')}
              description={t('accounts.secondFactor.codeHelp')}
              required
              autoFocus
              value={values.code}
              onChange={(value) => set('code', value)}
              error={errors.fields.code}
            />
            <Button type="submit" loading={isSubmitting}>
              {t('accounts.secondFactor.verify')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
