import type { SignedAnswer } from '@epeople/contracts';
import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { translateProblem } from '../../lib/form-errors.ts';
import { formatDateTime } from '../cases/case-format.tsx';
import { downloadAnswerFile } from './answers-api.ts';
import { type AnswerFileKind, answerFileName, newestFirst } from './answers-model.ts';
import { useCaseAnswers } from './use-case-answers.ts';

const DOWNLOADS: readonly { kind: AnswerFileKind; testId?: string }[] = [
  { kind: 'letter', testId: 'answer-download-letter' },
  { kind: 'record' },
  { kind: 'recordSignature' },
  { kind: 'receipt', testId: 'answer-download-receipt' },
];

/**
 * The signed letters of a case (citizen and staff pages alike): each with its state, its files
 * and a link to its public verification page. Nothing shows until the case has an answer.
 */
export function AnswerLetters({
  reference,
  accessCode,
  version,
}: {
  reference: string;
  accessCode?: string | undefined;
  /** Changes whenever the case changes, so a newly sent answer appears without a reload. */
  version: string;
}) {
  const { t } = useTranslation();
  const { answers, error } = useCaseAnswers(reference, accessCode, version);
  if (answers.length === 0 && !error) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="answer-letters-title" data-testid="answer-letters">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="answer-letters-title">
            {t('answers.block.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('answers.block.description')}
          </Text>
        </div>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {translateProblem(error, t)}
          </Text>
        ) : null}
        {newestFirst(answers).map((answer) => (
          <AnswerLetter key={answer.id} reference={reference} answer={answer} all={answers} accessCode={accessCode} />
        ))}
      </Stack>
    </Paper>
  );
}

function AnswerLetter({
  reference,
  answer,
  all,
  accessCode,
}: {
  reference: string;
  answer: SignedAnswer;
  all: readonly SignedAnswer[];
  accessCode: string | undefined;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<AnswerFileKind>();

  async function download(kind: AnswerFileKind, path: string) {
    setError(undefined);
    setBusy(kind);
    try {
      await downloadAnswerFile(path, answerFileName(reference, answer, all, kind), accessCode);
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" className="answer-box" data-testid="answer-letter" data-answer-id={answer.id}>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" justify="space-between">
          <Stack gap={2}>
            <Text fw={700}>{t(`cases.outcomes.${answer.outcome}`)}</Text>
            <Text size="sm" c="dimmed">
              {t('answers.block.issuedAt', { date: formatDateTime(answer.issuedAt) })}
            </Text>
          </Stack>
          <AnswerStatus answer={answer} />
        </Group>

        {answer.logIndex !== null ? (
          <Text size="sm" data-testid="answer-log-index">
            {t('answers.block.logIndex', { index: answer.logIndex })}
          </Text>
        ) : null}

        {answer.downloads ? (
          <Group gap="xs" wrap="wrap" aria-label={t('answers.block.downloads')} role="group">
            {DOWNLOADS.map(({ kind, testId }) => {
              const path = answer.downloads?.[kind] ?? null;
              return (
                <Button
                  key={kind}
                  size="xs"
                  variant={kind === 'letter' ? 'filled' : 'default'}
                  disabled={path === null}
                  loading={busy === kind}
                  data-testid={testId}
                  title={path === null ? t('answers.block.receiptPending') : undefined}
                  onClick={() => path && void download(kind, path)}
                >
                  {t(`answers.files.${kind}`)}
                </Button>
              );
            })}
          </Group>
        ) : null}

        <Anchor component={Link} to={`/verify/${encodeURIComponent(answer.id)}`} size="sm" data-testid="answer-verify">
          {t('answers.block.verify')}
        </Anchor>

        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Being signed, waiting for the log, or signed (with its date): announced as it changes. */
function AnswerStatus({ answer }: { answer: SignedAnswer }) {
  const { t } = useTranslation();
  const stage = answer.status === 'signing' ? 'signing' : answer.downloads?.receipt == null ? 'awaitingLog' : 'signed';
  return (
    <Badge
      size="lg"
      variant="light"
      tt="none"
      color={stage === 'signed' ? 'teal' : 'yellow'}
      leftSection={stage === 'signed' ? null : <Loader size={12} color="yellow" />}
      role="status"
      data-testid="answer-status"
      data-status={stage}
    >
      {stage === 'signed'
        ? t('answers.status.signed', { date: formatDateTime(answer.signedAt) })
        : t(`answers.status.${stage}`)}
    </Badge>
  );
}
