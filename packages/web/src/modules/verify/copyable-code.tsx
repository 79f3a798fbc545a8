import { Button, Code, CopyButton, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A value people copy into other tools (a PEM certificate, a key, a checkpoint, a hash), shown
 * left to right in monospace with a copy button and any other actions beside it.
 */
export function CopyableCode({
  value,
  block = false,
  testId,
  actions,
}: {
  value: string;
  block?: boolean;
  testId?: string;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="stretch">
      <Code block={block} dir="ltr" className="verify-code" data-testid={testId}>
        {value}
      </Code>
      <Group gap="xs">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy}>
              {copied ? t('verify.copy.copied') : t('verify.copy.copy')}
            </Button>
          )}
        </CopyButton>
        {actions}
      </Group>
    </Stack>
  );
}
