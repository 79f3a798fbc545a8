import { type CurrentUser, deleteAccountRequestSchema } from '@epeople/contracts';
import { Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { FormAlert } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { validateForm } from '../../lib/form-errors.ts';
import { useFields, useSubmission } from '../../lib/use-form.ts';

/** Deleting an account asks for the password again, in a dialog that says what will happen. */
export function DeleteAccountSection({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { acceptSession } = useSession();
  const [opened, { open, close }] = useDisclosure(false);
  const { values, set } = useFields({ password: '' });
  const { isSubmitting, errors, handle, formRef } = useSubmission({
    codeFields: { 'accounts.wrong_password': 'password' },
    fieldMessages: { password: 'common.validation.required' },
  });

  const onSubmit = handle(async () => {
    const checked = validateForm(deleteAccountRequestSchema, values, t, {
      fieldMessages: { password: 'common.validation.required' },
    });
    if (checked.errors) return checked.errors;
    await api.delete('/me', checked.data);
    acceptSession(null);
    navigate('/', { replace: true, state: { notice: 'accounts.profile.deleted' } });
  });

  if (user.kind === 'staff') return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="delete-account" className="danger-zone">
      <Title order={2} size="h3" id="delete-account" mb="xs">
        {t('accounts.profile.deleteTitle')}
      </Title>
      <Text size="sm" mb="md">
        {t('accounts.profile.deleteDescription')}
      </Text>
      <Button color="red" variant="outline" onClick={open}>
        {t('accounts.profile.deleteOpen')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('accounts.profile.deleteConfirmTitle')} centered>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('accounts.profile.deleteConfirmText')}</Text>
            <FormAlert message={errors.form} />
            <PasswordInput
              label={t('accounts.fields.password')}
              autoComplete="current-password"
              required
              data-autofocus
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.fields.password}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.actions.cancel')}
              </Button>
              <Button type="submit" color="red" loading={isSubmitting}>
                {t('accounts.profile.deleteConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
