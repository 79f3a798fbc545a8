import { type SessionResponse, totpCodeRequestSchema } from '@epeople/contracts';
import { Alert, Button, Code, Group, List, Paper, Stack, Text } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { PageLoader, safeNext } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { translateProblem, validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { CodeInput } from './code-input.tsx';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrDataUrl: string;
}

/** The QR code is drawn here, in the browser: the secret never goes to a third-party service. */
async function toQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Staff enrol an authenticator app at their first sign-in. */
export function SecondFactorEnrolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { isLoading, session, acceptSession } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const requested = useRef(false);
  const { values, set } = useFields({ code: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    codeFields: { 'accounts.second_factor_invalid': 'code', 'accounts.invalid_code': 'code' },
  });
  const next = safeNext(params.get('next'), '/profile');
  const canEnrol = session?.status === 'second_factor_pending' && session.needsEnrolment;

  useEffect(() => {
    // One secret per visit: asking twice would replace the secret already shown.
    if (!canEnrol || requested.current) return;
    requested.current = true;
    api
      .post<{ secret: string; otpauthUri: string }>('/auth/second-factor/enrol')
      .then(async (answer) => setEnrolment({ ...answer, qrDataUrl: await toQrDataUrl(answer.otpauthUri) }))
      .catch((error: unknown) => setLoadError(translateProblem(error, t)));
  }, [canEnrol, t]);

  const onSubmit = handle(async () => {
    const checked = validateForm(totpCodeRequestSchema, values, t);
    if (checked.errors) return checked.errors;
    const confirmed = await api.post<SessionResponse>('/auth/second-factor/confirm', checked.data);
    acceptSession(confirmed);
    navigate(next, { replace: true });
  });

  if (isLoading) return <PageLoader />;
  if (!session) return <Navigate to="/sign-in" replace />;
  if (session.status === 'signed_in') return <Navigate to={next} replace />;
  if (!canEnrol) return <Navigate to={`/second-factor/verify?next=${encodeURIComponent(next)}`} replace />;

  return (
    <Stack maw={620} mx="auto">
      <PageHeader
        title={t('accounts.secondFactor.enrolTitle')}
        description={t('accounts.secondFactor.enrolDescription')}
      />
      {loadError ? <FormAlert message={loadError} /> : null}
      {!enrolment && !loadError ? <PageLoader /> : null}
      {enrolment ? (
        <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
          <Stack gap="lg">
            <List type="ordered" spacing="xs">
              <List.Item>{t('accounts.secondFactor.stepInstall')}</List.Item>
              <List.Item>{t('accounts.secondFactor.stepScan')}</List.Item>
              <List.Item>{t('accounts.secondFactor.stepConfirm')}</List.Item>
            </List>
            <Group align="flex-start" gap="lg">
              <img className="qr-code" src={enrolment.qrDataUrl} alt={t('accounts.secondFactor.qrAlt')} />
              <Stack gap={4} style={{ flex: 1, minInlineSize: 200 }}>
                <Text fw={600}>{t('accounts.secondFactor.secretLabel')}</Text>
                <Code block className="secret-text" data-testid="totp-secret">
                  {enrolment.secret}
                </Code>
                <Text size="sm" c="dimmed">
                  {t('accounts.secondFactor.secretHelp')}
                </Text>
              </Stack>
            </Group>
            <form ref={formRef} onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <FormAlert message={errors.form} />
                <CodeInput
                  label={t('accounts.secondFactor.code')}
                  description={t('accounts.secondFactor.codeHelp')}
                  required
                  value={values.code}
                  onChange={(value) => set('code', value)}
                  error={errors.fields.code}
                />
                <Button type="submit" loading={isSubmitting}>
                  {t('accounts.secondFactor.confirm')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      ) : null}
      <Alert color="blue" variant="light">
        {t('accounts.secondFactor.whyNote')}
      </Alert>
    </Stack>
  );
}
