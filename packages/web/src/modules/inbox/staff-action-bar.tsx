import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffAction } from './inbox-api.ts';
import { STAFF_ACTION_ORDER } from './staff-actions.ts';

/**
 * The actions the server allows this official on this case, in the order of work: the first is
 * the likely next step, rejection stands apart in red.
 */
export function StaffActionBar({
  allowedActions,
  preparing,
  onOpen,
}: {
  allowedActions: readonly string[];
  preparing: StaffAction | undefined;
  onOpen: (action: StaffAction) => void;
}) {
  const { t } = useTranslation();
  const actions = STAFF_ACTION_ORDER.filter((action) => allowedActions.includes(action));
  return (
    <Group gap="sm" component="section" aria-label={t('cases.view.actions')} data-testid="staff-actions">
      {actions.length === 0 ? <Text c="dimmed">{t('inbox.case.noActions')}</Text> : null}
      {actions.map((action, index) => (
        <Button
          key={action}
          variant={index === 0 ? 'filled' : action === 'reject' ? 'default' : 'light'}
          color={action === 'reject' ? 'red' : undefined}
          data-testid={`action-${action}`}
          loading={preparing === action}
          onClick={() => onOpen(action)}
        >
          {t(`inbox.actions.${action}.button`)}
        </Button>
      ))}
    </Group>
  );
}
