import { Alert, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { knownKey } from '../i18n/keys.ts';

/**
 * The heading block of every page. The <h1> takes focus after navigation (see the shell), so
 * screen-reader users hear where they arrived.
 */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ePeople`;
  }, [title]);
  return (
    <Stack gap="xs" mb="lg">
      <Title order={1} id="page-title" tabIndex={-1} className="page-title">
        {title}
      </Title>
      {description ? (
        <Text c="dimmed" size="lg">
          {description}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The summary of what went wrong, announced to screen readers when it appears. */
export function FormAlert({ message, title }: { message?: string | undefined; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid="form-error">
      {message}
    </Alert>
  );
}

/** A message handed over by the previous page (`navigate(path, { state: { notice: key } })`). */
export function NavigationNotice() {
  const location = useLocation();
  const { t } = useTranslation();
  const notice = (location.state as { notice?: unknown } | null)?.notice;
  const key = typeof notice === 'string' ? knownKey(notice) : undefined;
  if (!key) return null;
  return (
    <Alert color="teal" variant="light" role="status" mb="md" data-testid="notice">
      {t(key)}
    </Alert>
  );
}
