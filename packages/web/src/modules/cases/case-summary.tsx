import type { CitizenCase, StaffCase } from '@epeople/contracts';
import { Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../lib/local-name.ts';
import { DeadlineText, formatDateTime, placeOf, StateBadge } from './case-format.tsx';

/** One line of a summary's description list. */
export function SummaryRow({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * The head of a case page, shared by the citizen's view and the back office: state, deadline,
 * type, unit, place and filing date. Each view adds its own around them (the citizen a plain
 * explanation of the state, staff the submitter and the triage mark) through the slots, in the
 * order each view has always shown.
 */
export function CaseSummary({
  theCase,
  badgesBefore,
  badgesAfter,
  intro,
  rowsBefore,
  rowsAfterUnit,
  rowsAfter,
}: {
  theCase: CitizenCase | StaffCase;
  badgesBefore?: ReactNode;
  badgesAfter?: ReactNode;
  intro?: ReactNode;
  rowsBefore?: ReactNode;
  rowsAfterUnit?: ReactNode;
  rowsAfter?: ReactNode;
}) {
  const { t } = useTranslation();
  const place = placeOf(theCase.location);
  return (
    <Paper withBorder p="lg" component="section" aria-label={t('cases.view.summary')}>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          {badgesBefore}
          <StateBadge state={theCase.state} />
          <DeadlineText theCase={theCase} />
          {badgesAfter}
        </Group>
        {intro}
        <dl className="review-list">
          {rowsBefore}
          <SummaryRow label={t('cases.fields.type')}>{t(`home.entries.${theCase.type}.title`)}</SummaryRow>
          <SummaryRow label={t('cases.view.unit')}>{localName(theCase.unit.name)}</SummaryRow>
          {rowsAfterUnit}
          {place ? (
            <SummaryRow label={t('cases.view.place')} testId="case-place">
              {place}
            </SummaryRow>
          ) : null}
          <SummaryRow label={t('cases.view.filedAt')}>{formatDateTime(theCase.createdAt)}</SummaryRow>
          {rowsAfter}
        </dl>
      </Stack>
    </Paper>
  );
}
