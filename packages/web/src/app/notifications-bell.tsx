import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client.ts';
import { formatDateTime } from '../modules/cases/case-format.tsx';

/**
 * A staff member's in-app notifications (GET /me/notifications), read loosely so a field added
 * later does not break the header: each has an id, a kind, maybe a case, and a read time.
 */
const notificationSchema = z.object({
  id: z.string(),
  kind: z.string().optional(),
  type: z.string().optional(),
  caseId: z.string().nullish(),
  reference: z.string().nullish(),
  title: z.string().nullish(),
  readAt: z.string().nullish(),
  createdAt: z.string(),
});
const listSchema = z.object({ notifications: z.array(notificationSchema), unreadCount: z.number().optional() });
type StaffNotification = z.infer<typeof notificationSchema>;

const POLL_MS = 60_000;

export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<StaffNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [opened, setOpened] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      const parsed = listSchema.parse(await api.get<unknown>('/me/notifications'));
      setItems(parsed.notifications);
      setUnread(parsed.unreadCount ?? parsed.notifications.filter((item) => !item.readAt).length);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [load]);

  async function markRead(ids?: string[]) {
    const unreadIds = ids ?? items.filter((item) => !item.readAt).map((item) => item.id);
    if (unreadIds.length === 0) return;
    try {
      await api.post('/me/notifications/read', { ids: unreadIds });
    } finally {
      await load();
    }
  }

  const label = t('common.notifications.bell', { count: unread });
  const kindText = (item: StaffNotification) => {
    const kind = item.kind ?? item.type ?? '';
    const key = `common.notifications.kinds.${kind}`;
    return i18n.exists(key) ? t(key) : item.title || t('common.notifications.other');
  };

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
                  <Text size="xs" c="dimmed">
                    {item.reference ? <span className="ltr-value">{item.reference}</span> : null}
                    {item.reference ? ' · ' : ''}
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
