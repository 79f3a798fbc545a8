import { type CurrentUser, type GovernorateCode, type Language, updateProfileRequestSchema } from '@epeople/contracts';
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormAlert, NavigationNotice, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { changeLanguage } from '../../i18n/index.ts';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import { GovernorateSelect, LanguageSelect, LTR_INPUT, normalizePhone } from './account-fields.tsx';
import { ChangePasswordSection } from './change-password-section.tsx';
import { DeleteAccountSection } from './delete-account-section.tsx';
import { NotificationPreferencesSection } from './notification-preferences-section.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <Stack maw={720} mx="auto" gap="lg" data-testid="profile-page">
      <PageHeader title={t('accounts.profile.title')} description={t('accounts.profile.description')} />
      <NavigationNotice />
      <AccountSummary user={user} />
      <ProfileDetailsSection user={user} />
      {user.kind === 'citizen' ? <NotificationPreferencesSection user={user} /> : null}
      <ChangePasswordSection />
      <DeleteAccountSection user={user} />
    </Stack>
  );
}

function AccountSummary({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="account-summary">
      <Title order={2} size="h3" id="account-summary" mb="sm">
        {t('accounts.profile.accountTitle')}
      </Title>
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={600}>{t('accounts.fields.email')}:</Text>
          <Text className="ltr-value" data-testid="profile-email">
            {user.email}
          </Text>
          <Badge color={user.emailVerified ? 'teal' : 'orange'} variant="light">
            {user.emailVerified ? t('accounts.profile.emailVerified') : t('accounts.profile.emailNotVerified')}
          </Badge>
        </Group>
        <Group gap="xs">
          <Text fw={600}>{t('accounts.profile.accountKind')}:</Text>
          <Text>{t(`accounts.profile.kinds.${user.kind}`)}</Text>
        </Group>
        {user.roles.length > 0 ? (
          <Group gap="xs">
            <Text fw={600}>{t('accounts.profile.roles')}:</Text>
            {user.roles.map((assignment) => (
              <Badge key={assignment.id} variant="outline">
                {t(`admin.roles.${assignment.role}`)}
              </Badge>
            ))}
          </Group>
        ) : null}
        {user.kind === 'staff' ? (
          <Group gap="xs">
            <Text fw={600}>{t('accounts.profile.secondFactor')}:</Text>
            <Text>
              {user.secondFactorEnrolled ? t('accounts.profile.secondFactorOn') : t('accounts.profile.secondFactorOff')}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ProfileDetailsSection({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const { updateUser } = useSession();
  const [saved, setSaved] = useState(false);
  const { values, set } = useFields({
    fullName: user.fullName,
    phone: user.phone ?? '',
    governorate: user.governorate as string | null,
    language: user.language as string,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    codeFields: { 'contact.phone_country_not_allowed': 'phone' },
  });

  const onSubmit = handle(async () => {
    setSaved(false);
    const checked = validateForm(
      updateProfileRequestSchema,
      {
        fullName: values.fullName,
        phone: normalizePhone(values.phone) ?? null,
        governorate: (values.governorate ?? null) as GovernorateCode | null,
        language: values.language as Language,
      },
      t,
    );
    if (checked.errors) return checked.errors;
    const updated = await api.patch<CurrentUser>('/me', checked.data);
    updateUser(updated);
    await changeLanguage(updated.language);
    setSaved(true);
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="profile-details">
      <Title order={2} size="h3" id="profile-details" mb="sm">
        {t('accounts.profile.detailsTitle')}
      </Title>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={errors.form} />
          {saved ? (
            <Alert color="teal" variant="light" role="status">
              {t('accounts.profile.saved')}
            </Alert>
          ) : null}
          <TextInput
            label={t('accounts.fields.fullName')}
            autoComplete="name"
            required
            value={values.fullName}
            onChange={(e) => set('fullName', e.currentTarget.value)}
            error={errors.fields.fullName}
            data-testid="profile-full-name"
          />
          <TextInput
            label={t('accounts.fields.phoneOptional')}
            description={t('accounts.fields.phoneHelp')}
            type="tel"
            autoComplete="tel"
            {...LTR_INPUT}
            value={values.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
            error={errors.fields.phone}
          />
          <GovernorateSelect
            label={t('accounts.fields.governorateOptional')}
            placeholder={t('accounts.fields.governoratePlaceholder')}
            value={values.governorate}
            onChange={(value) => set('governorate', value)}
            error={errors.fields.governorate}
          />
          <LanguageSelect
            label={t('accounts.fields.language')}
            description={t('accounts.fields.languageHelp')}
            value={values.language}
            onChange={(value) => set('language', value ?? values.language)}
            error={errors.fields.language}
          />
          <Group>
            <Button type="submit" loading={isSubmitting}>
              {t('accounts.profile.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
