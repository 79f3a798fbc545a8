import type { TrustAnchors } from '@epeople/contracts';
import { Alert, Button, Code, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { translateProblem } from '../../lib/form-errors.ts';
import { saveFile } from '../answers/save-file.ts';
import { CertificateDetails } from './certificate-chain.tsx';
import { CopyableCode } from './copyable-code.tsx';
import { loadTrustAnchors } from './verify-api.ts';
import { commonName, pemFileName } from './verify-model.ts';

/** The commands that check a letter, its record and its receipt without this website. */
const OFFLINE_COMMANDS = [
  'pdfsig answer.pdf',
  'openssl cms -verify -binary -inform DER -in answer.json.p7s -content answer.json -CAfile root.pem',
  'npm run cli -- verify answer.pdf --receipt answer.tlog-proof',
] as const;

/**
 * What the verifier trusts, published so anyone can check letters without trusting this page:
 * the root certificates that sign the units' certificates, and the transparency log's key.
 */
export function TrustAnchorsSection() {
  const { t } = useTranslation();
  const [anchors, setAnchors] = useState<TrustAnchors>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const controller = new AbortController();
    loadTrustAnchors(controller.signal)
      .then(setAnchors)
      .catch((caught) => {
        if (!controller.signal.aborted) setError(translateProblem(caught, t));
      });
    return () => controller.abort();
  }, [t]);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="trust-anchors-title" data-testid="trust-anchors">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="trust-anchors-title">
            {t('verify.anchors.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('verify.anchors.description')}
          </Text>
        </div>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
        {anchors?.isTest ? (
          <Alert color="red" variant="light" title={t('verify.testSignature.title')}>
            {t('verify.anchors.testKeys')}
          </Alert>
        ) : null}

        {anchors ? (
          <>
            <Title order={3} size="h4">
              {t('verify.anchors.roots')}
            </Title>
            {anchors.roots.map((root, position) => (
              <Paper key={root.certificate.sha256} withBorder p="md" radius="md" data-testid="trust-anchor-root">
                <Stack gap="sm">
                  <Text fw={700}>
                    <bdi dir="ltr">{commonName(root.certificate.subject)}</bdi>
                  </Text>
                  <CertificateDetails certificate={root.certificate} />
                  <CopyableCode
                    value={root.pem}
                    block
                    actions={
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() =>
                          saveFile(
                            new Blob([root.pem], { type: 'application/x-pem-file' }),
                            pemFileName(root.certificate.subject, position),
                          )
                        }
                      >
                        {t('verify.anchors.downloadPem')}
                      </Button>
                    }
                  />
                </Stack>
              </Paper>
            ))}

            <Title order={3} size="h4">
              {t('verify.anchors.log')}
            </Title>
            <dl className="review-list">
              <div>
                <dt>{t('verify.anchors.logOrigin')}</dt>
                <dd>
                  <CopyableCode value={anchors.log.origin} />
                </dd>
              </div>
              <div>
                <dt>{t('verify.anchors.logKey')}</dt>
                <dd>
                  <CopyableCode value={anchors.log.verifierKey} testId="trust-anchor-log-key" />
                </dd>
              </div>
            </dl>
          </>
        ) : null}

        <Title order={3} size="h4">
          {t('verify.anchors.offlineTitle')}
        </Title>
        <Text size="sm">{t('verify.anchors.offline')}</Text>
        <List spacing={4} size="sm">
          {OFFLINE_COMMANDS.map((command) => (
            <List.Item key={command}>
              <Code dir="ltr" className="verify-code">
                {command}
              </Code>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
