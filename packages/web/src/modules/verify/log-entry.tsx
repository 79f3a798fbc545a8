import type { VerificationResult } from '@epeople/contracts';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CheckBadge } from './check-badge.tsx';
import { CopyableCode } from './copyable-code.tsx';

type LogCheck = NonNullable<VerificationResult['log']>;

/** Where the answer sits in the public log, and whether the signed checkpoint proves it is there. */
export function LogEntry({ log }: { log: LogCheck | null }) {
  const { t } = useTranslation();
  if (!log) {
    return (
      <Text size="sm" c="dimmed" data-testid="verify-log-missing">
        {t('verify.log.notYet')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <dl className="review-list">
        <div>
          <dt>{t('verify.log.index')}</dt>
          <dd data-testid="verify-log-index">{log.index}</dd>
        </div>
        <div>
          <dt>{t('verify.log.treeSize')}</dt>
          <dd>{log.treeSize}</dd>
        </div>
      </dl>
      <Group gap="xs">
        <CheckBadge
          ok={log.inclusionProved}
          yes={t('verify.log.inclusionProved')}
          no={t('verify.log.inclusionFailed')}
        />
        <CheckBadge
          ok={log.checkpointSigned}
          yes={t('verify.log.checkpointSigned')}
          no={t('verify.log.checkpointUnsigned')}
        />
      </Group>
      <Text size="sm" fw={700}>
        {t('verify.log.checkpoint')}
      </Text>
      <CopyableCode value={log.checkpoint} block testId="verify-log-checkpoint" />
    </Stack>
  );
}
