import { CASE_STATES, REQUEST_TYPES } from '@epeople/contracts';
import { Anchor, Group, Select, SimpleGrid, Table, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { useCategories } from '../../lib/reference-data.ts';
import { treeOptions } from '../../lib/tree.ts';
import { useLoad } from '../../lib/use-load.ts';
import { GovernorateSelect } from '../accounts/account-fields.tsx';
import { TreeSelect } from '../admin/admin-components.tsx';
import { DeadlineText, deadlineStatus, formatDate, LtrValue, StateBadge } from '../cases/case-format.tsx';
import { type InboxFilters, listInbox } from './inbox-api.ts';

/** The unit inbox: cases in the staff member's reach, filtered, the nearest deadline first. */
export function InboxPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [filters, setFilters] = useState<InboxFilters>({ sort: 'due_at' });
  const load = useCallback(async () => (await listInbox(filters)).cases, [filters]);
  const { data, error, isLoading } = useLoad(load);
  const categories = useCategories();
  const categoryOptions = useMemo(() => treeOptions(categories.data ?? []), [categories.data]);
  const set = (key: keyof InboxFilters) => (value: string | null) =>
    setFilters((previous) => ({ ...previous, [key]: value ?? undefined }));

  return (
    <>
      <PageHeader title={t('inbox.list.title')} description={t('inbox.list.description')} />
      <SimpleGrid
        cols={{ base: 1, sm: 2, md: 4 }}
        spacing="sm"
        mb="md"
        component="section"
        aria-label={t('inbox.list.filters')}
      >
        <Select
          label={t('cases.fields.type')}
          clearable
          data={REQUEST_TYPES.map((value) => ({ value, label: t(`home.entries.${value}.title`) }))}
          value={filters.type ?? null}
          onChange={set('type')}
        />
        <Select
          label={t('cases.view.state')}
          clearable
          data={CASE_STATES.map((value) => ({ value, label: t(`cases.states.${value}`) }))}
          value={filters.state ?? null}
          onChange={set('state')}
        />
        <Select
          label={t('inbox.list.deadline')}
          clearable
          data={(['overdue', 'due_soon', 'paused'] as const).map((value) => ({
            value,
            label: t(`inbox.list.deadlines.${value}`),
          }))}
          value={filters.deadline ?? null}
          onChange={set('deadline')}
        />
        <Select
          label={t('inbox.list.assignee')}
          clearable
          data={(['me', 'none'] as const).map((value) => ({ value, label: t(`inbox.list.assignees.${value}`) }))}
          value={filters.assignee ?? null}
          onChange={set('assignee')}
        />
        <TreeSelect
          label={t('cases.fields.category')}
          data={categoryOptions}
          value={filters.categoryId ?? null}
          onChange={set('categoryId')}
        />
        <GovernorateSelect
          label={t('cases.fields.governorate')}
          value={filters.governorate ?? null}
          onChange={set('governorate')}
        />
        <Select
          label={t('inbox.list.sort')}
          allowDeselect={false}
          data={(['due_at', 'created_at'] as const).map((value) => ({ value, label: t(`inbox.list.sorts.${value}`) }))}
          value={filters.sort ?? 'due_at'}
          onChange={set('sort')}
        />
      </SimpleGrid>
      <FormAlert message={error} />
      {isLoading && !data ? <PageLoader /> : null}
      {data && data.length === 0 ? <Text>{t('inbox.list.empty')}</Text> : null}
      {data && data.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover data-testid="inbox-table">
            <Table.Caption>{t('inbox.list.count', { count: data.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.view.reference')}</Table.Th>
                <Table.Th>{t('cases.fields.title')}</Table.Th>
                <Table.Th>{t('cases.fields.type')}</Table.Th>
                <Table.Th>{t('cases.view.state')}</Table.Th>
                <Table.Th>{t('inbox.list.deadline')}</Table.Th>
                <Table.Th>{t('inbox.list.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((item) => {
                const overdue = deadlineStatus({ ...item, pausedAt: null }) === 'overdue';
                return (
                  <Table.Tr key={item.id} className={overdue ? 'row-overdue' : undefined} data-testid="inbox-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/inbox/cases/${item.id}`}>
                        <LtrValue>{item.reference}</LtrValue>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{item.title}</Table.Td>
                    <Table.Td>{t(`home.entries.${item.type}.title`)}</Table.Td>
                    <Table.Td>
                      <StateBadge state={item.state} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.state === 'awaiting_citizen' ? (
                          <Text size="sm">{t('cases.deadline.paused')}</Text>
                        ) : (
                          <DeadlineText theCase={{ ...item, pausedAt: null }} />
                        )}
                        {!item.dueAt ? <Text size="sm">{formatDate(item.createdAt)}</Text> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {item.assigneeId === null
                        ? t('inbox.list.assignees.none')
                        : item.assigneeId === user?.id
                          ? t('inbox.list.assignees.me')
                          : t('inbox.list.assignees.other')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}
