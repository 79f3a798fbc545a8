import type { PublicAnswerVerification, VerificationResult } from '@epeople/contracts';
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { translateProblem } from '../../lib/form-errors.ts';
import { AnswerFacts } from './answer-facts.tsx';
import { LetterUploadForm } from './letter-upload-form.tsx';
import { LogEntry } from './log-entry.tsx';
import { ResultBlock } from './result-block.tsx';
import { TitledSection } from './titled-section.tsx';
import { loadPublicAnswer } from './verify-api.ts';
import { compareWithAnswer, MATCH_COLORS } from './verify-model.ts';
import './verify.css';

/**
 * The page a letter's QR code opens: the public facts of that answer, and an invitation to upload
 * the letter in hand to check that it is this very answer, unchanged.
 */
export function VerifyAnswerPage() {
  const { answerId = '' } = useParams();
  const { t } = useTranslation();
  const [facts, setFacts] = useState<PublicAnswerVerification>();
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<VerificationResult>();

  useEffect(() => {
    const controller = new AbortController();
    setFacts(undefined);
    setError(undefined);
    setResult(undefined);
    loadPublicAnswer(answerId, controller.signal)
      .then(setFacts)
      .catch((caught) => {
        if (!controller.signal.aborted) setError(translateProblem(caught, t));
      });
    return () => controller.abort();
  }, [answerId, t]);

  if (!facts && !error) return <PageLoader />;

  return (
    <Stack gap="xl">
      <PageHeader title={t('verify.answerPage.title')} description={t('verify.answerPage.description')} />
      <FormAlert message={error} />
      {facts ? (
        <>
          <TitledSection id="answer-facts-title" title={t('verify.answer.title')} size="h3">
            <AnswerFacts answer={facts.answer} />
          </TitledSection>
          <TitledSection id="answer-log-title" title={t('verify.log.title')} size="h3">
            <LogEntry log={facts.log} />
          </TitledSection>
          <Paper withBorder p="lg" component="section" aria-labelledby="answer-upload-title">
            <Title order={2} size="h3" id="answer-upload-title">
              {t('verify.answerPage.uploadTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('verify.answerPage.uploadDescription')}
            </Text>
            <LetterUploadForm onResult={setResult} />
          </Paper>
        </>
      ) : null}
      {result ? (
        <ResultBlock
          result={result}
          before={<MatchBanner result={result} answerId={answerId} />}
          answerShownAbove={facts ? answerId : undefined}
        />
      ) : null}
      <Anchor component={Link} to="/verify">
        {t('verify.answerPage.otherWays')}
      </Anchor>
    </Stack>
  );
}

/** Whether the uploaded letter is this page's answer: said first, before the verifier's details. */
function MatchBanner({ result, answerId }: { result: VerificationResult; answerId: string }) {
  const { t } = useTranslation();
  const match = compareWithAnswer(result, answerId);
  return (
    <Alert
      color={MATCH_COLORS[match]}
      variant="light"
      title={t(`verify.match.${match}.title`)}
      data-testid="verify-match"
      data-match={match}
    >
      {t(`verify.match.${match}.description`)}
    </Alert>
  );
}
