import {
  ANONYMOUS_ATTACHMENT_ACCEPT,
  ATTACHMENT_ACCEPT,
  type AttachmentDto,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_UPLOAD,
} from '@epeople/contracts';
import { Alert, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LOCALES } from '../../i18n/index.ts';
import { translateProblem } from '../../lib/form-errors.ts';
import { LtrValue } from './case-format.tsx';
import { uploadAttachments } from './cases-api.ts';

const ACCEPTED_EXTENSIONS = new Set(ATTACHMENT_ACCEPT.split(',').map((extension) => extension.toLowerCase()));
const ANONYMOUS_EXTENSIONS = new Set(
  ANONYMOUS_ATTACHMENT_ACCEPT.split(',').map((extension) => extension.toLowerCase()),
);

export function formatSize(bytes: number): string {
  const units =
    bytes < 1024 * 1024 ? { value: bytes / 1024, unit: 'kilobyte' } : { value: bytes / 1024 / 1024, unit: 'megabyte' };
  return new Intl.NumberFormat(LOCALES[currentLanguage()], {
    style: 'unit',
    unit: units.unit,
    maximumFractionDigits: 1,
  }).format(Math.max(0.1, units.value));
}

/**
 * Files for a request: checked here as the server checks them (count, size, kind by name) so
 * mistakes show at once, then uploaded; the server decides from the content and may still refuse.
 */
export function AttachmentsPicker({
  value,
  onChange,
  max = MAX_ATTACHMENTS_PER_UPLOAD,
  anonymous = false,
}: {
  value: AttachmentDto[];
  onChange: (attachments: AttachmentDto[]) => void;
  max?: number;
  /** For an anonymous notice: PDF and pictures only, their metadata removed by the server. */
  anonymous?: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [isUploading, setIsUploading] = useState(false);

  async function add(files: File[]) {
    setError(undefined);
    if (files.length === 0) return;
    if (value.length + files.length > max) return setError(t('errors.attachments.too_many'));
    const tooLarge = files.find((file) => file.size > MAX_ATTACHMENT_BYTES);
    if (tooLarge) return setError(t('errors.attachments.too_large'));
    const accepted = anonymous ? ANONYMOUS_EXTENSIONS : ACCEPTED_EXTENSIONS;
    const wrongKind = files.find((file) => !accepted.has(`.${file.name.split('.').pop()?.toLowerCase()}`));
    if (wrongKind) {
      return setError(
        t(anonymous ? 'errors.attachments.type_not_allowed_anonymous' : 'errors.attachments.type_not_allowed'),
      );
    }
    setIsUploading(true);
    try {
      onChange([...value, ...(await uploadAttachments(files, anonymous))]);
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setIsUploading(false);
    }
  }

  return (
    <Stack gap="sm">
      {anonymous ? (
        <Alert
          color="blue"
          variant="light"
          title={t('cases.attachments.anonymous.title')}
          data-testid="attachments-anonymous-notice"
        >
          <Stack gap="xs">
            <Text size="sm">{t('cases.attachments.anonymous.removed')}</Text>
            <Text size="sm" fw={700}>
              {t('cases.attachments.anonymous.kept')}
            </Text>
          </Stack>
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed" id="attachments-rules">
        {t(anonymous ? 'cases.attachments.anonymous.rules' : 'cases.attachments.rules', { max })}
      </Text>
      {value.length > 0 ? (
        <List spacing="xs" aria-label={t('cases.attachments.listLabel')} data-testid="attachments-list">
          {value.map((attachment) => (
            <List.Item key={attachment.id}>
              <Group gap="sm" wrap="nowrap">
                <LtrValue>{attachment.fileName}</LtrValue>
                <Text size="sm" c="dimmed">
                  {formatSize(attachment.size)}
                </Text>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => onChange(value.filter((item) => item.id !== attachment.id))}
                  aria-label={t('cases.attachments.removeNamed', { name: attachment.fileName })}
                >
                  {t('cases.attachments.remove')}
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('cases.attachments.none')}</Text>
      )}
      {error ? (
        <Alert color="red" variant="light" role="alert" data-testid="attachments-error">
          {error}
        </Alert>
      ) : null}
      <FileButton
        onChange={(files) => void add(files)}
        accept={anonymous ? ANONYMOUS_ATTACHMENT_ACCEPT : ATTACHMENT_ACCEPT}
        multiple
      >
        {(props) => (
          <Button
            {...props}
            variant="default"
            loading={isUploading}
            disabled={value.length >= max}
            aria-describedby="attachments-rules"
            data-testid="attachments-add"
          >
            {t('cases.attachments.add')}
          </Button>
        )}
      </FileButton>
    </Stack>
  );
}
