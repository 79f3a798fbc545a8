import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { DeadlineText, formatDate, LtrValue, StateBadge } from './case-format.tsx';
import { listMyCases } from './cases-api.ts';

const loadMyCases = async () => (await listMyCases()).cases;

/** The signed-in citizen's requests, newest first, each opening its tracking page. */
export function MyCasesPage() {
  const { t } = useTranslation();
  const { data, error, isLoading } = useLoad(loadMyCases);
  return (
    <>
      <PageHeader title={t('cases.mine.title')} description={t('cases.mine.description')} />
      <Group mb="md">
        <Button component={Link} to="/file">
          {t('cases.mine.file')}
        </Button>
      </Group>
      <FormAlert message={error} />
      {isLoading && !data ? <PageLoader /> : null}
      {data && data.length === 0 ? <Text>{t('cases.mine.empty')}</Text> : null}
      {data && data.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover captionSide="top" data-testid="my-cases">
            <Table.Caption className="visually-hidden">{t('cases.mine.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.view.reference')}</Table.Th>
                <Table.Th>{t('cases.fields.title')}</Table.Th>
                <Table.Th>{t('cases.view.state')}</Table.Th>
                <Table.Th>{t('cases.view.filedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/track/${encodeURIComponent(item.reference)}`}>
                      <LtrValue>{item.reference}</LtrValue>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <StateBadge state={item.state} />
                      <DeadlineText
                        theCase={{ ...item, pausedAt: item.state === 'awaiting_citizen' ? item.createdAt : null }}
                      />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{formatDate(item.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}
