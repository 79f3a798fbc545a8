import type { SignatureCheck, VerificationResult } from '@epeople/contracts';
import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../cases/attachments-picker.tsx';
import { formatDateTime, LtrValue } from '../cases/case-format.tsx';
import { AnswerFacts } from './answer-facts.tsx';
import { CertificateChain } from './certificate-chain.tsx';
import { CheckBadge } from './check-badge.tsx';
import { LogEntry } from './log-entry.tsx';
import { TitledSection } from './titled-section.tsx';
import { commonName, VERDICT_COLORS } from './verify-model.ts';

/**
 * Everything the verifier found, the verdict first and in plain words, the technical proof below.
 * `answerShownAbove`: the page already shows this answer's facts and log entry (the page a QR
 * code opens), so they are not repeated when the uploaded letter turns out to be that answer.
 */
export function VerificationResultView({
  result,
  answerShownAbove,
}: {
  result: VerificationResult;
  answerShownAbove?: string | undefined;
}) {
  const repeatsAbove = answerShownAbove !== undefined && result.answer?.id === answerShownAbove;
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="verify-result">
      <Alert
        color={VERDICT_COLORS[result.verdict]}
        variant="filled"
        title={t(`verify.verdict.${result.verdict}.title`)}
        role="status"
        data-testid="verify-verdict"
        data-verdict={result.verdict}
      >
        {t(`verify.verdict.${result.verdict}.description`)}
      </Alert>

      {result.isTestSignature ? (
        <Alert color="red" variant="light" title={t('verify.testSignature.title')} data-testid="verify-test-signature">
          {t('verify.testSignature.description')}
        </Alert>
      ) : null}

      {result.problems.length > 0 ? (
        <TitledSection id="verify-problems-title" title={t('verify.problems.title')}>
          <List spacing="sm" data-testid="verify-problems">
            {result.problems.map((problem) => (
              <List.Item key={problem} data-problem={problem}>
                <Text fw={700}>{t(`verify.problems.${problem}.title`)}</Text>
                <Text size="sm">{t(`verify.problems.${problem}.meaning`)}</Text>
              </List.Item>
            ))}
          </List>
        </TitledSection>
      ) : null}

      {result.answer && !repeatsAbove ? (
        <TitledSection id="verify-answer-title" title={t('verify.answer.title')}>
          <AnswerFacts answer={result.answer} />
        </TitledSection>
      ) : null}

      {result.signatures.map((signature, position) => (
        <SignatureSection
          // Signatures have no id; their order in the file is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={position}
          signature={signature}
          position={position}
          count={result.signatures.length}
        />
      ))}

      {repeatsAbove ? null : (
        <TitledSection id="verify-log-title" title={t('verify.log.title')}>
          <LogEntry log={result.log} />
        </TitledSection>
      )}

      <TitledSection id="verify-document-title" title={t('verify.document.title')}>
        <dl className="review-list">
          <div>
            <dt>{t('verify.document.sha256')}</dt>
            <dd>
              <LtrValue testId="verify-document-sha256">{result.document.sha256}</LtrValue>
            </dd>
          </div>
          <div>
            <dt>{t('verify.document.size')}</dt>
            <dd>{formatSize(result.document.sizeBytes)}</dd>
          </div>
        </dl>
      </TitledSection>
    </Stack>
  );
}

function SignatureSection({
  signature,
  position,
  count,
}: {
  signature: SignatureCheck;
  position: number;
  count: number;
}) {
  const { t } = useTranslation();
  const titleId = `verify-signature-title-${position}`;
  return (
    <TitledSection
      id={titleId}
      title={count > 1 ? t('verify.signature.titleNumbered', { number: position + 1 }) : t('verify.signature.title')}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <CheckBadge ok={signature.intact} yes={t('verify.signature.intact')} no={t('verify.signature.broken')} />
          <CheckBadge
            ok={signature.coversWholeDocument}
            yes={t('verify.signature.coversWhole')}
            no={t('verify.signature.notWhole')}
          />
          <CheckBadge
            ok={signature.chainTrusted}
            yes={t('verify.signature.trusted')}
            no={t('verify.signature.untrusted')}
          />
        </Group>
        <dl className="review-list">
          <div>
            <dt>{t('verify.signature.signer')}</dt>
            <dd data-testid="verify-signer">
              {signature.signer ? (
                <>
                  <Text span fw={700}>
                    <LtrValue>{commonName(signature.signer.subject)}</LtrValue>
                  </Text>
                  <Text size="sm" c="dimmed">
                    <LtrValue>{signature.signer.subject}</LtrValue>
                  </Text>
                </>
              ) : (
                t('verify.signature.noSigner')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('verify.signature.signingTime')}</dt>
            <dd>{signature.signingTime ? formatDateTime(signature.signingTime) : t('verify.signature.none')}</dd>
          </div>
          <div>
            <dt>{t('verify.signature.timestampTime')}</dt>
            <dd>
              {signature.timestampTime ? formatDateTime(signature.timestampTime) : t('verify.signature.noTimestamp')}
            </dd>
          </div>
        </dl>
        <CertificateChain chain={signature.chain} />
      </Stack>
    </TitledSection>
  );
}
