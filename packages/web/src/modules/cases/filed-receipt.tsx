import type { EndpointAnswer, fileCaseEndpoint } from '@epeople/contracts';
import { Alert, Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/page.tsx';
import { DeadlineText, formatDateTime, LtrValue } from './case-format.tsx';

/**
 * The receipt of a filing: the reference, and for guests and anonymous reporters the access code,
 * shown this once (the server keeps only its hash), with a way to copy or print it.
 */
export function FiledReceipt({ filed }: { filed: EndpointAnswer<typeof fileCaseEndpoint> }) {
  const { t } = useTranslation();
  const { reference } = filed.case;
  const code = filed.accessCode;
  return (
    <>
      <PageHeader title={t('cases.receipt.title')} description={t('cases.receipt.description')} />
      <Stack gap="lg" className="receipt">
        <Paper withBorder p="lg">
          <Stack gap="md">
            <div>
              <Text c="dimmed" size="sm">
                {t('cases.receipt.reference')}
              </Text>
              <Text size="xl" fw={800} className="secret-text">
                <LtrValue testId="receipt-reference">{reference}</LtrValue>
              </Text>
            </div>
            {code ? (
              <div>
                <Text c="dimmed" size="sm">
                  {t('cases.receipt.accessCode')}
                </Text>
                <Text size="xl" fw={800} className="secret-text">
                  <LtrValue testId="receipt-access-code">{code}</LtrValue>
                </Text>
              </div>
            ) : null}
            <Text size="sm">{t('cases.receipt.filedAt', { date: formatDateTime(filed.case.createdAt) })}</Text>
            <div>
              <DeadlineText theCase={filed.case} />
            </div>
          </Stack>
        </Paper>
        {code ? (
          <Alert
            color="red"
            variant="light"
            title={t('cases.receipt.warningTitle')}
            role="alert"
            data-testid="code-warning"
          >
            {t('cases.receipt.warning')}
          </Alert>
        ) : (
          <Alert color="teal" variant="light">
            {t('cases.receipt.ownerNote')}
          </Alert>
        )}
        <Group gap="sm" className="no-print">
          {code ? (
            <CopyButton value={`${reference} ${code}`}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} data-testid="copy-code">
                  {copied ? t('cases.receipt.copied') : t('cases.receipt.copy')}
                </Button>
              )}
            </CopyButton>
          ) : null}
          <Button variant="default" onClick={() => window.print()}>
            {t('cases.receipt.print')}
          </Button>
          <Button
            component={Link}
            to={`/track/${encodeURIComponent(reference)}`}
            state={code ? { accessCode: code } : undefined}
            data-testid="receipt-track"
          >
            {t('cases.receipt.track')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
