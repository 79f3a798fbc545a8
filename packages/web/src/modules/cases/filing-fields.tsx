import { type AttachmentDto, LANGUAGES, type Language, REQUEST_TYPES, type RequestType } from '@epeople/contracts';
import { Alert, Checkbox, Group, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { GovernorateSelect, LanguageSelect } from '../accounts/account-fields.tsx';
import { TreeSelect } from '../admin/admin-components.tsx';
import { EntryIcon } from '../home/entry-icons.tsx';
import { SimilarPanel } from './similar-panel.tsx';

export type IdentityMode = 'account' | 'guest' | 'anonymous';

/** Everything the filing flow collects, step by step. */
export interface FilingValues {
  type: RequestType | null;
  title: string;
  description: string;
  categoryId: string | null;
  governorate: string | null;
  locationLabel: string;
  coordinates: { lat: number; lng: number } | null;
  language: Language;
  publishConsent: boolean;
  attachments: AttachmentDto[];
  identity: IdentityMode;
  guestName: string;
  guestEmail: string;
  guestPhone: string;
  sealIdentity: boolean;
  sealedName: string;
  sealedEmail: string;
  sealedPhone: string;
  sealedDetails: string;
}

type SetField = <K extends keyof FilingValues>(key: K, value: FilingValues[K]) => void;

export function TypeStep({ value, onChoose }: { value: RequestType | null; onChoose: (type: RequestType) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      value={value}
      onChange={(next) => onChoose(next as RequestType)}
      label={t('cases.file.typeQuestion')}
      name="type"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mt="sm">
        {REQUEST_TYPES.map((type) => (
          <Radio.Card key={type} value={type} p="md" radius="md" withBorder data-testid={`type-${type}`}>
            <Group wrap="nowrap" align="flex-start">
              <Radio.Indicator />
              <EntryIcon entry={type} />
              <Stack gap={2}>
                <Text fw={700}>{t(`home.entries.${type}.title`)}</Text>
                <Text size="sm">{t(`home.entries.${type}.description`)}</Text>
                <Text size="sm" c="dimmed">
                  {t(`home.entries.${type}.deadline`)}
                </Text>
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

export function DetailsStep({
  values,
  set,
  errors,
  categoryOptions,
}: {
  values: FilingValues;
  set: SetField;
  errors: FieldErrors;
  categoryOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const isNotice = values.type === 'notice';
  return (
    <Stack gap="md">
      <TextInput
        label={t('cases.fields.title')}
        description={t('cases.fields.titleHelp')}
        required
        value={values.title}
        onChange={(event) => set('title', event.currentTarget.value)}
        error={errors.title}
        maxLength={200}
      />
      <SimilarPanel text={values.title} type={values.type ?? undefined} categoryId={values.categoryId} />
      <Textarea
        label={t('cases.fields.description')}
        description={t('cases.fields.descriptionHelp')}
        required
        autosize
        minRows={5}
        value={values.description}
        onChange={(event) => set('description', event.currentTarget.value)}
        error={errors.description}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TreeSelect
          label={t('cases.fields.category')}
          description={t('cases.fields.categoryHelp')}
          data={categoryOptions}
          value={values.categoryId}
          onChange={(value) => set('categoryId', value)}
          error={errors.categoryId}
        />
        <GovernorateSelect
          label={t('cases.fields.governorate')}
          value={values.governorate}
          onChange={(value) => set('governorate', value)}
          error={errors.governorate}
        />
      </SimpleGrid>
      {isNotice ? (
        <TextInput
          label={t('cases.fields.location')}
          description={t('cases.fields.locationHelp')}
          value={values.locationLabel}
          onChange={(event) => set('locationLabel', event.currentTarget.value)}
          error={errors.location ?? errors['location.label']}
          maxLength={200}
        />
      ) : null}
      <LanguageSelect
        label={t('cases.fields.language')}
        description={t('cases.fields.languageHelp')}
        value={values.language}
        onChange={(value) => value && LANGUAGES.includes(value as Language) && set('language', value as Language)}
      />
      <Checkbox
        label={t('cases.fields.publishConsent')}
        description={t('cases.fields.publishConsentHelp')}
        checked={values.publishConsent}
        onChange={(event) => set('publishConsent', event.currentTarget.checked)}
      />
    </Stack>
  );
}

export function IdentityStep({
  values,
  set,
  errors,
  signedInName,
}: {
  values: FilingValues;
  set: SetField;
  errors: FieldErrors;
  signedInName: string | undefined;
}) {
  const { t } = useTranslation();
  if (signedInName) {
    return (
      <Alert color="teal" variant="light" data-testid="identity-account">
        {t('cases.identity.asAccount', { name: signedInName })}
      </Alert>
    );
  }
  const modes: IdentityMode[] = values.type === 'notice' ? ['guest', 'anonymous'] : ['guest'];
  return (
    <Stack gap="md">
      <Text size="sm">{t('cases.identity.signInHint')}</Text>
      {modes.length > 1 ? (
        <Radio.Group
          value={values.identity}
          onChange={(value) => set('identity', value as IdentityMode)}
          label={t('cases.identity.how')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="guest" label={t('cases.identity.guest')} />
            <Radio value="anonymous" label={t('cases.identity.anonymous')} />
          </Stack>
        </Radio.Group>
      ) : null}
      {values.identity === 'guest' ? (
        <Stack gap="md">
          <TextInput
            label={t('accounts.fields.fullName')}
            required
            value={values.guestName}
            onChange={(event) => set('guestName', event.currentTarget.value)}
            error={errors['guest.name']}
            autoComplete="name"
          />
          <Text size="sm" c="dimmed">
            {t('cases.identity.contactRule')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              type="email"
              label={t('cases.identity.email')}
              value={values.guestEmail}
              onChange={(event) => set('guestEmail', event.currentTarget.value)}
              error={errors['guest.email'] ?? errors.guest}
              autoComplete="email"
              dir="ltr"
            />
            <TextInput
              type="tel"
              label={t('cases.identity.phone')}
              description={t('accounts.fields.phoneHelp')}
              value={values.guestPhone}
              onChange={(event) => set('guestPhone', event.currentTarget.value)}
              error={errors['guest.phone']}
              autoComplete="tel"
              dir="ltr"
            />
          </SimpleGrid>
        </Stack>
      ) : (
        <AnonymousFields values={values} set={set} errors={errors} />
      )}
    </Stack>
  );
}

function AnonymousFields({ values, set, errors }: { values: FilingValues; set: SetField; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert
        color="blue"
        variant="light"
        title={t('cases.identity.anonymousTitle')}
        data-testid="anonymous-explanation"
      >
        {t('cases.identity.anonymousExplanation')}
      </Alert>
      <Checkbox
        label={t('cases.identity.seal')}
        description={t('cases.identity.sealHelp')}
        checked={values.sealIdentity}
        onChange={(event) => set('sealIdentity', event.currentTarget.checked)}
      />
      {values.sealIdentity ? (
        <Stack gap="md">
          <TextInput
            label={t('accounts.fields.fullName')}
            required
            value={values.sealedName}
            onChange={(event) => set('sealedName', event.currentTarget.value)}
            error={errors['sealedIdentity.name']}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              type="email"
              label={t('cases.identity.emailOptional')}
              value={values.sealedEmail}
              onChange={(event) => set('sealedEmail', event.currentTarget.value)}
              error={errors['sealedIdentity.email']}
              dir="ltr"
            />
            <TextInput
              type="tel"
              label={t('cases.identity.phoneOptional')}
              value={values.sealedPhone}
              onChange={(event) => set('sealedPhone', event.currentTarget.value)}
              error={errors['sealedIdentity.phone']}
              dir="ltr"
            />
          </SimpleGrid>
          <TextInput
            label={t('cases.identity.details')}
            value={values.sealedDetails}
            onChange={(event) => set('sealedDetails', event.currentTarget.value)}
            error={errors['sealedIdentity.details']}
            maxLength={500}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
