import type { AttachmentDto } from '@epeople/contracts';
import { Anchor, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateProblem } from '../../lib/form-errors.ts';
import { formatSize } from './attachments-picker.tsx';
import { formatDateTime, LtrValue } from './case-format.tsx';
import { downloadAttachment } from './cases-api.ts';

/** The files of a case, each downloaded with the viewer's credentials (session or access code). */
export function CaseAttachments({
  reference,
  theCase,
  accessCode,
}: {
  reference: string;
  theCase: { attachments: readonly AttachmentDto[] };
  accessCode?: string | undefined;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const { attachments } = theCase;
  if (attachments.length === 0) return null;
  return (
    <Stack gap="xs" mt="md">
      <Text fw={700}>{t('cases.view.attachments')}</Text>
      <List spacing={4} data-testid="case-attachments">
        {attachments.map((attachment) => (
          <List.Item key={attachment.id}>
            <Anchor
              component="button"
              type="button"
              onClick={() =>
                downloadAttachment(reference, attachment, accessCode).catch((caught) =>
                  setError(translateProblem(caught, t)),
                )
              }
            >
              <LtrValue>{attachment.fileName}</LtrValue>
            </Anchor>
            <Text span size="sm" c="dimmed" ms="xs">
              {formatSize(attachment.size)} · {formatDateTime(attachment.createdAt)}
            </Text>
          </List.Item>
        ))}
      </List>
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
