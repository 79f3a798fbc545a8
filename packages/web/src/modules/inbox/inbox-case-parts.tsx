import type { StaffCase } from '@epeople/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../../i18n/keys.ts';
import { formatDateTime } from '../cases/case-format.tsx';
import type { LockAction } from './inbox-api.ts';

const LOCK_BUTTONS: { action: LockAction; key: TranslationKey; variant: string; color?: string }[] = [
  { action: 'take', key: 'inbox.case.lockTake', variant: 'light' },
  { action: 'release', key: 'inbox.case.lockRelease', variant: 'default' },
  { action: 'break_lock', key: 'inbox.case.lockBreak', variant: 'default', color: 'red' },
];

/** Who is working on the case now; taking it stops two officials editing at once. */
export function CaseLockBar({
  lock,
  lockActions,
  userId,
  onAction,
}: {
  lock: StaffCase['lock'];
  lockActions: StaffCase['lockActions'];
  userId: string | undefined;
  onAction: (action: LockAction) => void;
}) {
  const { t } = useTranslation();
  const isActive = lock !== null && Date.parse(lock.expiresAt) > Date.now();
  const isMine = isActive && lock?.holderId === userId;
  // The server says which lock buttons this viewer has; older answers leave it to the page.
  const available = lockActions ?? (!isActive ? ['take'] : isMine ? ['release'] : ['break_lock']);
  return (
    <Paper
      withBorder
      p="sm"
      className={isActive && !isMine ? 'lock-bar lock-bar-other' : 'lock-bar'}
      data-testid="lock-bar"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm" data-testid="lock-state">
          {!isActive
            ? t('inbox.case.lockFree')
            : isMine
              ? t('inbox.case.lockMine', { until: formatDateTime(lock?.expiresAt) })
              : t('inbox.case.lockOther', {
                  name: lock?.holderName ?? t('inbox.case.anotherOfficial'),
                  until: formatDateTime(lock?.expiresAt),
                })}
        </Text>
        <Group gap="xs">
          {LOCK_BUTTONS.filter((button) => available.includes(button.action)).map((button) => (
            <Button
              key={button.action}
              size="xs"
              variant={button.variant}
              color={button.color}
              onClick={() => onAction(button.action)}
              data-testid={`lock-${button.action}`}
            >
              {t(button.key)}
            </Button>
          ))}
        </Group>
      </Group>
    </Paper>
  );
}

const DRAFT_COLORS = { draft: 'gray', submitted: 'violet', returned: 'orange', approved: 'teal' } as const;

/** Answer drafts, newest first, with the supervisor's comment when one was returned. */
export function CaseDrafts({ drafts, userId }: { drafts: StaffCase['drafts']; userId: string | undefined }) {
  const { t } = useTranslation();
  if (drafts.length === 0) return null;
  const ordered = [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <section aria-labelledby="drafts-title">
      <Title order={2} size="h3" id="drafts-title" mb="sm">
        {t('inbox.case.draftsTitle')}
      </Title>
      <Stack gap="sm">
        {ordered.map((draft) => (
          <Paper key={draft.id} withBorder p="md" className="timeline-event-internal" data-testid="draft">
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Badge color={DRAFT_COLORS[draft.status]} variant="light" tt="none">
                  {t(`inbox.case.draftStatus.${draft.status}`)}
                </Badge>
                <Text fw={700}>{t(`cases.outcomes.${draft.outcome}`)}</Text>
                {draft.authorId === userId ? <Text size="sm">{t('inbox.case.draftMine')}</Text> : null}
              </Group>
              <Text size="sm" c="dimmed">
                {formatDateTime(draft.updatedAt)}
              </Text>
            </Group>
            <Text className="multiline-text">{draft.body}</Text>
            {draft.reviewComment ? (
              <Text size="sm" mt="xs" c="orange.9">
                {t('inbox.actions.returnedComment', { comment: draft.reviewComment })}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
