import { type SessionResponse, signInRequestSchema } from '@epeople/contracts';
import { Alert, Anchor, Button, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { safeNext } from '../../app/guards.tsx';
import { FormAlert, NavigationNotice, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { changeLanguage } from '../../i18n/index.ts';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { LTR_INPUT } from './account-fields.tsx';

/** Where a session goes next: the second factor for staff, else where the person was heading. */
export function pathAfterSession(session: SessionResponse, next: string): string {
  if (session.status === 'second_factor_pending') {
    const path = session.needsEnrolment ? '/second-factor/enrol' : '/second-factor/verify';
    return `${path}?next=${encodeURIComponent(next)}`;
  }
  return next;
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { acceptSession } = useSession();
  const { values, set } = useFields({ email: params.get('email') ?? '', password: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    fieldMessages: { password: 'common.validation.required' },
  });
  const next = safeNext(params.get('next'), '/profile');
  const needsVerification = errors.code === 'accounts.email_not_verified';

  const onSubmit = handle(async () => {
    const checked = validateForm(signInRequestSchema, values, t, {
      fieldMessages: { password: 'common.validation.required' },
    });
    if (checked.errors) return checked.errors;
    const session = await api.post<SessionResponse>('/auth/sign-in', checked.data);
    acceptSession(session);
    // The account's language wins at sign-in: it is what the person chose last.
    await changeLanguage(session.user.language);
    navigate(pathAfterSession(session, next), { replace: true });
  });

  return (
    <Stack maw={480} mx="auto">
      <PageHeader title={t('accounts.signIn.title')} description={t('accounts.signIn.description')} />
      <NavigationNotice />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <FormAlert message={errors.form} />
            {needsVerification ? (
              <Alert color="blue" variant="light">
                <Anchor component={Link} to={`/verify-email?email=${encodeURIComponent(values.email)}`}>
                  {t('accounts.signIn.verifyNow')}
                </Anchor>
              </Alert>
            ) : null}
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
            <PasswordInput
              label={t('accounts.fields.password')}
              autoComplete="current-password"
              required
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.fields.password}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('accounts.signIn.forgot')}
              </Anchor>
            </Group>
            <Button type="submit" size="md" loading={isSubmitting} data-testid="sign-in-submit">
              {t('accounts.signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center">
        {t('accounts.signIn.noAccount')}{' '}
        <Anchor component={Link} to="/register">
          {t('accounts.signIn.registerLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}
