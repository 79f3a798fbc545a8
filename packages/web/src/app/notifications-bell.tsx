import type { StaffNotification, StaffNotificationList } from '@epeople/contracts';
import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { formatDateTime } from '../modules/cases/case-format.tsx';

/** Notifications the page knows how to word; any other template reads as a plain "update". */
const KNOWN_TEMPLATES = [
  'case_assigned',
  'case_transferred_in',
  'contribution_requested',
  'contribution_added',
  'draft_submitted',
  'draft_returned',
  'draft_approved',
  'deadline_warning',
  'deadline_escalated',
  'acknowledgement_overdue',
] as const;
type KnownTemplate = (typeof KNOWN_TEMPLATES)[number];
const isKnownTemplate = (template: string): template is KnownTemplate =>
  (KNOWN_TEMPLATES as readonly string[]).includes(template);

/** While the tab is in view; a hidden tab asks nothing and catches up when shown again. */
const POLL_MS = 20_000;

export function NotificationsBell() {
  const { t } = useTranslation();
  const [items, setItems] = useState<StaffNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [opened, setOpened] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await api.get<StaffNotificationList>('/me/notifications');
      setItems(list.items);
      setUnread(list.unreadCount);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    const onFocus = () => void load();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  /** Marks the given notifications read, or all of them. */
  async function markRead(ids?: string[]) {
    try {
      await api.post('/me/notifications/read', ids ? { ids } : { all: true });
    } finally {
      await load();
    }
  }

  const label = t('common.notifications.bell', { count: unread });
  const kindText = (item: StaffNotification) =>
    isKnownTemplate(item.template) ? t(`common.notifications.kinds.${item.template}`) : t('common.notifications.other');
  const textOf = (item: StaffNotification, key: string) =>
    typeof item.data[key] === 'string' ? (item.data[key] as string) : undefined;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={18}
          color="red"
          disabled={unread === 0}
          offset={4}
          data-testid="notifications-count"
        >
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={label}
            title={label}
            aria-expanded={opened}
            onClick={() => setOpened((value) => !value)}
            data-testid="notifications-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown data-testid="notifications-panel">
        <Group justify="space-between" mb="xs">
          <Text fw={700}>{t('common.notifications.title')}</Text>
          {unread > 0 ? (
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => void markRead()}
              data-testid="notifications-read-all"
            >
              {t('common.notifications.markAllRead')}
            </Button>
          ) : null}
        </Group>
        {failed ? (
          <Text size="sm" c="dimmed">
            {t('common.notifications.unavailable')}
          </Text>
        ) : null}
        {!failed && items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('common.notifications.empty')}
          </Text>
        ) : null}
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4} component="ul" className="notifications-list">
            {items.map((item) => (
              <li key={item.id} className={item.readAt ? 'notification' : 'notification notification-unread'}>
                <Anchor
                  component={Link}
                  to={item.caseId ? `/inbox/cases/${encodeURIComponent(item.caseId)}` : '/inbox'}
                  underline="hover"
                  c="inherit"
                  onClick={() => {
                    setOpened(false);
                    if (!item.readAt) void markRead([item.id]);
                  }}
                  data-testid="notification"
                >
                  <Text size="sm" fw={item.readAt ? 400 : 700}>
                    {kindText(item)}
                  </Text>
                  {textOf(item, 'title') ? (
                    <Text size="sm" lineClamp={1}>
                      {textOf(item, 'title')}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {textOf(item, 'reference') ? (
                      <>
                        <span className="ltr-value">{textOf(item, 'reference')}</span>
                        {' · '}
                      </>
                    ) : null}
                    {formatDateTime(item.createdAt)}
                  </Text>
                </Anchor>
              </li>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
