import type { CurrentUser, NotificationPreferences } from '@epeople/contracts';
import { Alert, Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormAlert } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { useSubmission } from '../../lib/use-form.ts';

/** The channels a citizen is told on (GET/PATCH /me `notifications`); e-mail is on until changed. */
export const preferencesOf = (user: CurrentUser): NotificationPreferences =>
  user.notifications ?? { email: true, sms: false };

export function NotificationPreferencesSection({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { updateUser } = useSession();
  const [values, setValues] = useState<NotificationPreferences>(() => preferencesOf(user));
  const [saved, setSaved] = useState(false);
  const { isSubmitting, errors, handle, formRef } = useSubmission();
  const hasPhone = Boolean(user.phone);

  const onSubmit = handle(async () => {
    setSaved(false);
    const updated = await api.patch<CurrentUser>('/me', { notifications: values });
    updateUser(updated);
    setValues(preferencesOf(updated));
    setSaved(true);
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="notification-preferences">
      <Title order={2} size="h3" id="notification-preferences" mb="sm">
        {t('accounts.notifications.title')}
      </Title>
      <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="notification-preferences">
        <Stack gap="md">
          <Text size="sm">{t('accounts.notifications.lead')}</Text>
          <FormAlert message={errors.form} />
          {saved ? (
            <Alert color="teal" variant="light" role="status">
              {t('accounts.notifications.saved')}
            </Alert>
          ) : null}
          <Checkbox
            label={t('accounts.notifications.email')}
            description={t('accounts.notifications.emailHelp')}
            checked={values.email}
            onChange={(event) => {
              // Read now: React clears currentTarget before a state updater runs.
              const { checked } = event.currentTarget;
              setValues((previous) => ({ ...previous, email: checked }));
            }}
            data-testid="notify-email"
          />
          <Checkbox
            label={t('accounts.notifications.sms')}
            description={hasPhone ? t('accounts.notifications.smsHelp') : t('accounts.notifications.smsNeedsPhone')}
            checked={values.sms}
            disabled={!hasPhone && !values.sms}
            onChange={(event) => {
              // Read now: React clears currentTarget before a state updater runs.
              const { checked } = event.currentTarget;
              setValues((previous) => ({ ...previous, sms: checked }));
            }}
            data-testid="notify-sms"
          />
          <div>
            <Button type="submit" loading={isSubmitting} data-testid="notification-preferences-save">
              {t('accounts.notifications.save')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
