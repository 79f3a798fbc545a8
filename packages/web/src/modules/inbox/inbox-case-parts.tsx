import type { StaffCase } from '@epeople/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../cases/case-format.tsx';

/** Who is working on the case now; taking it stops two officials editing at once. */
export function CaseLockBar({
  lock,
  userId,
  onTake,
  onRelease,
  onBreak,
}: {
  lock: StaffCase['lock'];
  userId: string | undefined;
  onTake: () => void;
  onRelease: () => void;
  onBreak: () => void;
}) {
  const { t } = useTranslation();
  const isActive = lock !== null && Date.parse(lock.expiresAt) > Date.now();
  const isMine = isActive && lock?.holderId === userId;
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
              : t('inbox.case.lockOther', { until: formatDateTime(lock?.expiresAt) })}
        </Text>
        <Group gap="xs">
          {!isActive ? (
            <Button size="xs" variant="light" onClick={onTake} data-testid="lock-take">
              {t('inbox.case.lockTake')}
            </Button>
          ) : null}
          {isMine ? (
            <Button size="xs" variant="default" onClick={onRelease} data-testid="lock-release">
              {t('inbox.case.lockRelease')}
            </Button>
          ) : null}
          {isActive && !isMine ? (
            <Button size="xs" variant="default" color="red" onClick={onBreak} data-testid="lock-break">
              {t('inbox.case.lockBreak')}
            </Button>
          ) : null}
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
