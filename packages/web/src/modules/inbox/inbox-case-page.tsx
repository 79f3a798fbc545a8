import { OUTCOMES_BY_TYPE, type StaffCase } from '@epeople/contracts';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../app/page.tsx';
import { useSession } from '../../app/session.tsx';
import { translateProblem } from '../../lib/form-errors.ts';
import { governorateName } from '../accounts/account-fields.tsx';
import { localName, treeOptions, useCategories, useUnits } from '../admin/admin-data.ts';
import { AnswerLetters } from '../answers/answer-letters.tsx';
import { ActionModal, type ActionSpec } from '../cases/action-modal.tsx';
import { CaseAttachments } from '../cases/case-attachments.tsx';
import { DeadlineText, formatDateTime, LtrValue, placeOf, StateBadge } from '../cases/case-format.tsx';
import { CaseTimeline } from '../cases/case-timeline.tsx';
import {
  type LockAction,
  loadAnswerTemplates,
  loadAssignees,
  loadStaffCase,
  lockCase,
  type StaffAction,
  takeStaffAction,
} from './inbox-api.ts';
import { CaseDrafts, CaseLockBar } from './inbox-case-parts.tsx';
import { STAFF_ACTION_ORDER, staffActionSpec } from './staff-actions.ts';

const LOCK_DONE: Record<LockAction, string> = {
  take: 'inbox.case.lockTaken',
  release: 'inbox.case.lockReleased',
  break_lock: 'inbox.case.lockBroken',
} as const;

/** A case in the back office: the request, files, drafts, full timeline, the lock, and the allowed actions. */
export function InboxCasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const [theCase, setCase] = useState<StaffCase>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [open, setOpen] = useState<{ action: StaffAction; spec: ActionSpec }>();
  const units = useUnits();
  const categories = useCategories();
  const [preparing, setPreparing] = useState<StaffAction>();

  const load = useCallback(async () => {
    try {
      setCase(await loadStaffCase(id));
      setError(undefined);
    } catch (caught) {
      setError(translateProblem(caught, t));
    }
  }, [id, t]);

  useEffect(() => {
    void load();
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [load]);

  const unitOptions = useMemo(() => treeOptions(units.data ?? []), [units.data]);

  /** Opens an action's dialog, first fetching what its form offers (assignees, answer templates). */
  async function openAction(action: StaffAction) {
    if (!theCase) return;
    setError(undefined);
    setPreparing(action);
    try {
      let assignees: { value: string; label: string }[] = [];
      let templates: { value: string; label: string; fills: Record<string, unknown> }[] = [];
      if (action === 'assign') {
        assignees = (await loadAssignees(id)).map((member) => ({
          value: member.id,
          label: member.id === user?.id ? t('inbox.case.me', { name: member.name }) : member.name,
        }));
      }
      if (action === 'save_draft' || action === 'submit_draft') {
        // Templates only help: without them (none written, or the list unavailable) the dialog still works.
        templates = await loadAnswerTemplates(theCase.unit.id, theCase.type)
          .then((list) =>
            list.templates
              .filter((template) => template.isActive)
              .map((template) => ({
                value: template.id,
                label: template.title,
                // The text in the case's language, and the outcome when the template names one.
                fills: {
                  body: template.body[theCase.language] ?? template.body.ar,
                  ...(template.outcome &&
                  (OUTCOMES_BY_TYPE[theCase.type] as readonly string[]).includes(template.outcome)
                    ? { outcome: template.outcome }
                    : {}),
                },
              })),
          )
          .catch(() => []);
      }
      setOpen({
        action,
        spec: staffActionSpec(action, { theCase, assignees, units: unitOptions, templates }, t),
      });
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setPreparing(undefined);
    }
  }

  async function run(work: () => Promise<unknown>, doneKey: string) {
    setError(undefined);
    try {
      const answer = await work();
      if (answer && typeof answer === 'object' && 'timeline' in answer && 'drafts' in answer)
        setCase(answer as StaffCase);
      else await load();
      setNotice(t(doneKey));
    } catch (caught) {
      setError(translateProblem(caught, t));
      await load();
    }
  }

  async function submit(body: Record<string, unknown>) {
    if (!open) return;
    const answer = await takeStaffAction(id, open.action, body);
    if (answer && typeof answer === 'object' && 'timeline' in answer && 'drafts' in answer)
      setCase(answer as StaffCase);
    else await load();
    setNotice(t(`inbox.actions.${open.action}.done`));
    setOpen(undefined);
  }

  if (!theCase) return error ? <FormAlert message={error} /> : <PageLoader />;
  const actions = STAFF_ACTION_ORDER.filter((action) => theCase.allowedActions.includes(action));
  const category = categories.data?.find((item) => item.id === theCase.categoryId);
  const submitter = theCase.submitter;

  return (
    <>
      <Anchor component={Link} to="/inbox" size="sm">
        {t('inbox.case.back')}
      </Anchor>
      <PageHeader title={theCase.title} />
      <Stack gap="lg">
        <Paper withBorder p="lg" component="section" aria-label={t('cases.view.summary')}>
          <Stack gap="sm">
            <Group gap="sm" wrap="wrap">
              <LtrValue testId="case-reference">{theCase.reference}</LtrValue>
              <StateBadge state={theCase.state} />
              <DeadlineText theCase={theCase} />
              {theCase.isTriage ? <Badge color="grape">{t('inbox.case.triage')}</Badge> : null}
            </Group>
            <dl className="review-list">
              <div>
                <dt>{t('cases.fields.type')}</dt>
                <dd>{t(`home.entries.${theCase.type}.title`)}</dd>
              </div>
              <div>
                <dt>{t('cases.view.unit')}</dt>
                <dd>{localName(theCase.unit.name)}</dd>
              </div>
              <div>
                <dt>{t('cases.fields.category')}</dt>
                <dd>{category ? localName(category.name) : t('cases.review.none')}</dd>
              </div>
              <div>
                <dt>{t('cases.fields.governorate')}</dt>
                <dd>{governorateName(theCase.governorate) || t('cases.review.none')}</dd>
              </div>
              {placeOf(theCase.location) ? (
                <div>
                  <dt>{t('cases.view.place')}</dt>
                  <dd data-testid="case-place">{placeOf(theCase.location)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('cases.view.filedAt')}</dt>
                <dd>{formatDateTime(theCase.createdAt)}</dd>
              </div>
              <div>
                <dt>{t('inbox.case.submitter')}</dt>
                <dd data-testid="case-submitter">
                  {t(`inbox.case.submitterKinds.${submitter.kind}`)}
                  {submitter.name ? ` · ${submitter.name}` : ''}
                  {submitter.email ? (
                    <>
                      {' · '}
                      <LtrValue>{submitter.email}</LtrValue>
                    </>
                  ) : null}
                  {submitter.phone ? (
                    <>
                      {' · '}
                      <LtrValue>{submitter.phone}</LtrValue>
                    </>
                  ) : null}
                </dd>
              </div>
              {theCase.hasSealedIdentity ? (
                <div>
                  <dt>{t('inbox.case.sealedIdentity')}</dt>
                  <dd data-testid="sealed-identity">
                    {theCase.revealedIdentity
                      ? [theCase.revealedIdentity.name, theCase.revealedIdentity.email, theCase.revealedIdentity.phone]
                          .filter(Boolean)
                          .join(' · ')
                      : t('inbox.case.sealedNotConsented')}
                  </dd>
                </div>
              ) : null}
            </dl>
          </Stack>
        </Paper>

        <CaseLockBar
          lock={theCase.lock}
          lockActions={theCase.lockActions}
          userId={user?.id}
          onAction={(action) => run(() => lockCase(id, action), LOCK_DONE[action])}
        />

        <FormAlert message={error} />
        {notice ? (
          <Alert
            color="teal"
            variant="light"
            role="status"
            data-testid="notice"
            withCloseButton
            onClose={() => setNotice(undefined)}
          >
            {notice}
          </Alert>
        ) : null}

        <Group gap="sm" component="section" aria-label={t('cases.view.actions')} data-testid="staff-actions">
          {actions.length === 0 ? <Text c="dimmed">{t('inbox.case.noActions')}</Text> : null}
          {actions.map((action, index) => (
            <Button
              key={action}
              variant={index === 0 ? 'filled' : action === 'reject' ? 'default' : 'light'}
              color={action === 'reject' ? 'red' : undefined}
              data-testid={`action-${action}`}
              loading={preparing === action}
              onClick={() => void openAction(action)}
            >
              {t(`inbox.actions.${action}.button`)}
            </Button>
          ))}
        </Group>

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
      <ActionModal spec={open?.spec} onClose={() => setOpen(undefined)} onSubmit={submit} />
    </>
  );
}
