import { type GovernorateCode, type Language, registerRequestSchema } from '@epeople/contracts';
import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';
import {
  GovernorateSelect,
  isPasswordLongEnough,
  LanguageSelect,
  LTR_INPUT,
  normalizePhone,
  usePasswordRules,
} from './account-fields.tsx';

const CODE_FIELDS = {
  'accounts.password_too_short': 'password',
  'accounts.password_too_common': 'password',
  'contact.phone_country_not_allowed': 'phone',
};

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const passwordRules = usePasswordRules();
  const { values, set } = useFields({
    fullName: '',
    email: '',
    phone: '',
    password: '',
    governorate: null as string | null,
    language: currentLanguage() as string,
  });
  const { isSubmitting, errors, handle, formRef } = useSubmission({ codeFields: CODE_FIELDS });

  const onSubmit = handle(async () => {
    const checked = validateForm(
      registerRequestSchema,
      {
        fullName: values.fullName,
        email: values.email,
        phone: normalizePhone(values.phone),
        password: values.password,
        governorate: (values.governorate ?? undefined) as GovernorateCode | undefined,
        language: values.language as Language,
      },
      t,
    );
    if (checked.errors) return checked.errors;
    if (!isPasswordLongEnough(values.password)) {
      return { form: t('common.form.fixFields'), fields: { password: t('common.validation.passwordLength') } };
    }
    await api.post('/auth/register', checked.data);
    navigate(`/verify-email?email=${encodeURIComponent(checked.data.email)}`, {
      state: { notice: 'accounts.register.sent' },
    });
  });

  return (
    <Stack maw={560} mx="auto">
      <PageHeader title={t('accounts.register.title')} description={t('accounts.register.description')} />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }} radius="md">
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="register-privacy">
          <Stack gap="md">
            <FormAlert message={errors.form} />
            <TextInput
              label={t('accounts.fields.fullName')}
              autoComplete="name"
              required
              value={values.fullName}
              onChange={(e) => set('fullName', e.currentTarget.value)}
              error={errors.fields.fullName}
            />
            <TextInput
              label={t('accounts.fields.email')}
              description={t('accounts.register.emailHelp')}
              type="email"
              autoComplete="email"
              required
              {...LTR_INPUT}
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.fields.email}
            />
            <TextInput
              label={t('accounts.fields.phoneOptional')}
              description={t('accounts.fields.phoneHelp')}
              type="tel"
              autoComplete="tel"
              placeholder="+216 20 123 456"
              {...LTR_INPUT}
              value={values.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.fields.phone}
            />
            <PasswordInput
              label={t('accounts.fields.password')}
              description={passwordRules}
              autoComplete="new-password"
              required
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.fields.password}
            />
            <GovernorateSelect
              label={t('accounts.fields.governorateOptional')}
              description={t('accounts.fields.governorateHelp')}
              placeholder={t('accounts.fields.governoratePlaceholder')}
              value={values.governorate}
              onChange={(value) => set('governorate', value)}
              error={errors.fields.governorate}
            />
            <LanguageSelect
              label={t('accounts.fields.language')}
              description={t('accounts.fields.languageHelp')}
              value={values.language}
              onChange={(value) => set('language', value ?? currentLanguage())}
              error={errors.fields.language}
            />
            <Text size="sm" c="dimmed" id="register-privacy">
              {t('accounts.register.privacy')}
            </Text>
            <Button type="submit" size="md" loading={isSubmitting} data-testid="register-submit">
              {t('accounts.register.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center">
        {t('accounts.register.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('accounts.register.signInLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}
