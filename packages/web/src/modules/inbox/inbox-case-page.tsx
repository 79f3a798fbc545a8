import { Alert, Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { localName } from '../../lib/local-name.ts';
import { useCategories } from '../../lib/reference-data.ts';
import { governorateName } from '../accounts/account-fields.tsx';
import { AnswerLetters } from '../answers/answer-letters.tsx';
import { ActionModal } from '../cases/action-modal.tsx';
import { CaseAttachments } from '../cases/case-attachments.tsx';
import { LtrValue } from '../cases/case-format.tsx';
import { CaseSummary, SummaryRow } from '../cases/case-summary.tsx';
import { CaseTimeline } from '../cases/case-timeline.tsx';
import { CaseDrafts, CaseLockBar } from './inbox-case-parts.tsx';
import { StaffActionBar } from './staff-action-bar.tsx';
import { StaffCaseDetails } from './staff-case-details.tsx';
import { useStaffCase } from './use-staff-case.ts';

/** A case in the back office: the request, files, drafts, full timeline, the lock, and the allowed actions. */
export function InboxCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const categories = useCategories();
  const staffCase = useStaffCase(id);
  const { theCase, error, notice } = staffCase;

  if (!theCase) return error ? <FormAlert message={error} /> : <PageLoader />;
  const category = categories.data?.find((item) => item.id === theCase.categoryId);

  return (
    <>
      <Anchor component={Link} to="/inbox" size="sm">
        {t('inbox.case.back')}
      </Anchor>
      <PageHeader title={theCase.title} />
      <Stack gap="lg">
        <CaseSummary
          theCase={theCase}
          badgesBefore={<LtrValue testId="case-reference">{theCase.reference}</LtrValue>}
          badgesAfter={theCase.isTriage ? <Badge color="grape">{t('inbox.case.triage')}</Badge> : null}
          rowsAfterUnit={
            <>
              <SummaryRow label={t('cases.fields.category')}>
                {category ? localName(category.name) : t('cases.review.none')}
              </SummaryRow>
              <SummaryRow label={t('cases.fields.governorate')}>
                {governorateName(theCase.governorate) || t('cases.review.none')}
              </SummaryRow>
            </>
          }
          rowsAfter={<StaffCaseDetails theCase={theCase} />}
        />

        <CaseLockBar
          lock={theCase.lock}
          lockActions={theCase.lockActions}
          userId={user?.id}
          onAction={(action) => void staffCase.takeLockAction(action)}
        />

        <FormAlert message={error} />
        {notice ? (
          <Alert
            color="teal"
            variant="light"
            role="status"
            data-testid="notice"
            withCloseButton
            onClose={staffCase.dismissNotice}
          >
            {notice}
          </Alert>
        ) : null}

        <StaffActionBar
          allowedActions={theCase.allowedActions}
          preparing={staffCase.preparing}
          onOpen={(action) => void staffCase.openAction(action)}
        />

        <Paper withBorder p="lg" component="section" aria-labelledby="request-title">
          <Title order={2} size="h3" id="request-title" mb="sm">
            {t('inbox.case.requestTitle')}
          </Title>
          <Text className="multiline-text" data-testid="case-description">
            {theCase.description}
          </Text>
          <CaseAttachments reference={theCase.reference} theCase={theCase} />
        </Paper>

        {theCase.answerText ? (
          <Paper withBorder p="lg" component="section" aria-labelledby="answer-title" className="answer-box">
            <Title order={2} size="h3" id="answer-title" mb="sm">
              {t('cases.view.answerTitle')}
            </Title>
            {theCase.outcome ? <Text fw={700}>{t(`cases.outcomes.${theCase.outcome}`)}</Text> : null}
            <Text className="multiline-text">{theCase.answerText}</Text>
          </Paper>
        ) : null}

        {theCase.answerText ? (
          <AnswerLetters reference={theCase.reference} version={`${theCase.state}:${theCase.timeline.length}`} />
        ) : null}

        <CaseDrafts drafts={theCase.drafts} userId={user?.id} />

        <section aria-labelledby="timeline-title">
          <Title order={2} size="h3" id="timeline-title" mb="sm">
            {t('inbox.case.timelineTitle')}
          </Title>
          <CaseTimeline events={theCase.timeline} label={t('inbox.case.timelineTitle')} />
        </section>
      </Stack>
      <ActionModal spec={staffCase.openSpec} onClose={staffCase.closeAction} onSubmit={staffCase.submitAction} />
    </>
  );
}
