import type { CitizenCase } from '@epeople/contracts';
import { Alert, Button, Group, Paper, Rating, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page.tsx';
import { governorateName } from '../accounts/account-fields.tsx';
import { AnswerLetters } from '../answers/answer-letters.tsx';
import { ActionModal, type ActionSpec } from './action-modal.tsx';
import { CaseAttachments } from './case-attachments.tsx';
import { formatDateTime, LtrValue } from './case-format.tsx';
import { CaseSummary, SummaryRow } from './case-summary.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { type CitizenAction, takeCitizenAction } from './cases-api.ts';
import { CITIZEN_ACTION_ORDER, citizenActionSpec } from './citizen-actions.ts';

/** A case as its citizen sees it: where it stands in plain words, the answer, and what they may do. */
export function CitizenCaseView({
  theCase,
  accessCode,
  onChanged,
  onReplaced,
}: {
  theCase: CitizenCase;
  accessCode: string | undefined;
  onChanged: () => Promise<void>;
  onReplaced: (theCase: CitizenCase) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ action: CitizenAction; spec: ActionSpec }>();
  const [done, setDone] = useState<string>();
  const actions = CITIZEN_ACTION_ORDER.filter((action) => theCase.allowedActions.includes(action));
  const pendingQuestion =
    theCase.state === 'awaiting_citizen'
      ? [...theCase.timeline].reverse().find((event) => event.type === 'INFO_REQUESTED')?.data.question
      : undefined;

  async function submit(body: Record<string, unknown>) {
    if (!open) return;
    const answer = await takeCitizenAction(theCase.reference, open.action, body, accessCode);
    if (answer && typeof answer === 'object' && 'reference' in answer && 'timeline' in answer) {
      onReplaced(answer as CitizenCase);
    } else await onChanged();
    setDone(t(`cases.citizenActions.${open.action}.done`));
    setOpen(undefined);
  }

  return (
    <>
      <PageHeader title={theCase.title} />
      <Stack gap="lg">
        <CaseSummary
          theCase={theCase}
          intro={<Text data-testid="state-explanation">{t(`cases.stateHelp.${theCase.state}`)}</Text>}
          rowsBefore={
            <SummaryRow label={t('cases.view.reference')}>
              <LtrValue testId="case-reference">{theCase.reference}</LtrValue>
            </SummaryRow>
          }
          rowsAfter={
            theCase.governorate ? (
              <SummaryRow label={t('cases.fields.governorate')}>{governorateName(theCase.governorate)}</SummaryRow>
            ) : null
          }
        />

        {done ? (
          <Alert
            color="teal"
            variant="light"
            role="status"
            data-testid="notice"
            withCloseButton
            onClose={() => setDone(undefined)}
          >
            {done}
          </Alert>
        ) : null}

        {typeof pendingQuestion === 'string' ? (
          <Alert color="orange" variant="light" title={t('cases.view.questionTitle')} data-testid="pending-question">
            <Text className="multiline-text">{pendingQuestion}</Text>
          </Alert>
        ) : null}

        {theCase.answerText ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="answer-title" className="answer-box">
            <Stack gap="sm">
              <Title order={2} size="h3" id="answer-title">
                {t('cases.view.answerTitle')}
              </Title>
              {theCase.outcome ? (
                <Text fw={700} data-testid="case-outcome">
                  {t(`cases.outcomes.${theCase.outcome}`)}
                </Text>
              ) : null}
              <Text className="multiline-text" data-testid="case-answer">
                {theCase.answerText}
              </Text>
              {theCase.answeredAt ? (
                <Text size="sm" c="dimmed">
                  {t('cases.view.answeredAt', { date: formatDateTime(theCase.answeredAt) })}
                </Text>
              ) : null}
              {theCase.rating ? (
                <Group gap="sm" data-testid="case-rating">
                  <Text size="sm">{t('cases.view.yourRating')}</Text>
                  <Rating
                    value={theCase.rating}
                    readOnly
                    aria-label={t('cases.view.ratingValue', { rating: theCase.rating })}
                  />
                </Group>
              ) : null}
            </Stack>
          </Paper>
        ) : null}

        {theCase.answerText ? (
          <AnswerLetters
            reference={theCase.reference}
            accessCode={accessCode}
            version={`${theCase.state}:${theCase.timeline.length}`}
          />
        ) : null}

        {actions.length > 0 ? (
          <Group gap="sm" component="section" aria-label={t('cases.view.actions')} data-testid="citizen-actions">
            {actions.map((action) => (
              <Button
                key={action}
                variant={action === 'withdraw' ? 'default' : action === actions[0] ? 'filled' : 'light'}
                color={action === 'withdraw' ? 'red' : undefined}
                data-testid={`action-${action}`}
                onClick={() => setOpen({ action, spec: citizenActionSpec(action, theCase, t) })}
              >
                {t(`cases.citizenActions.${action}.button`)}
              </Button>
            ))}
          </Group>
        ) : null}

        <Paper withBorder p="lg" component="section" aria-labelledby="request-title">
          <Title order={2} size="h3" id="request-title" mb="sm">
            {t('cases.view.requestTitle')}
          </Title>
          <Text className="multiline-text" data-testid="case-description">
            {theCase.description}
          </Text>
          <CaseAttachments reference={theCase.reference} theCase={theCase} accessCode={accessCode} />
        </Paper>

        <section aria-labelledby="timeline-title">
          <Title order={2} size="h3" id="timeline-title" mb="sm">
            {t('cases.view.timelineTitle')}
          </Title>
          <CaseTimeline events={theCase.timeline} label={t('cases.view.timelineTitle')} isCitizenView />
        </section>
      </Stack>
      <ActionModal spec={open?.spec} onClose={() => setOpen(undefined)} onSubmit={submit} />
    </>
  );
}
