import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { currentLanguage, LOCALES } from '../../i18n/index.ts';
import { translateProblem } from '../../lib/form-errors.ts';

interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

type State =
  | { kind: 'loading' }
  | { kind: 'absent' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; messages: MailboxMessage[] };

/**
 * Development only: the e-mails the server kept because no SMTP server is configured, so a
 * person trying ePeople on their own machine can read their verification code.
 */
export function DevMailboxPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const answer = await api.get<{ messages: MailboxMessage[] }>('/dev/mailbox');
      const messages = [...answer.messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      setState({ kind: 'ready', messages });
    } catch (error) {
      if (isApiError(error) && error.status === 404) setState({ kind: 'absent' });
      else setState({ kind: 'error', message: translateProblem(error, t) });
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const dateFormat = new Intl.DateTimeFormat(LOCALES[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });

  return (
    <Stack gap="md">
      <PageHeader title={t('devMailbox.page.title')} description={t('devMailbox.page.description')} />
      <Group>
        <Button variant="default" onClick={() => void load()} loading={state.kind === 'loading'}>
          {t('devMailbox.page.refresh')}
        </Button>
      </Group>
      {state.kind === 'loading' ? <PageLoader /> : null}
      {state.kind === 'error' ? <FormAlert message={state.message} /> : null}
      {state.kind === 'absent' ? (
        <Alert color="blue" variant="light" data-testid="mailbox-absent">
          {t('devMailbox.page.absent')}
        </Alert>
      ) : null}
      {state.kind === 'ready' && state.messages.length === 0 ? (
        <Text c="dimmed">{t('devMailbox.page.empty')}</Text>
      ) : null}
      {state.kind === 'ready' ? (
        <Stack gap="md" component="ol" className="tree-list" aria-label={t('devMailbox.page.listLabel')}>
          {state.messages.map((message, index) => (
            <Card key={message.id} withBorder component="li" data-testid="mailbox-message">
              <Group justify="space-between" align="flex-start" mb="xs">
                <Stack gap={2}>
                  <Title order={2} size="h4">
                    {message.subject}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('devMailbox.page.to')} <span className="ltr-value">{message.to}</span> ·{' '}
                    <time dateTime={message.createdAt}>{dateFormat.format(new Date(message.createdAt))}</time>
                  </Text>
                </Stack>
                {index === 0 ? <Badge>{t('devMailbox.page.newest')}</Badge> : null}
              </Group>
              <pre className="mail-body" dir="auto" data-testid="mailbox-message-text">
                {message.text}
              </pre>
            </Card>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
