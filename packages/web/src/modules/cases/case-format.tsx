import type { CaseState } from '@epeople/contracts';
import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LOCALES } from '../../i18n/index.ts';

/** Cases live on Tunisian office time, whoever reads them. */
const TIME_ZONE = 'Africa/Tunis';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(LOCALES[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(LOCALES[currentLanguage()], { dateStyle: 'medium', timeZone: TIME_ZONE }).format(
    new Date(iso),
  );
}

/** References, access codes and file names read left to right, also inside Arabic sentences. */
export function LtrValue({ children, testId }: { children: string; testId?: string }) {
  return (
    <bdi dir="ltr" className="ltr-value" data-testid={testId}>
      {children}
    </bdi>
  );
}

const STATE_COLORS: Record<CaseState, MantineColor> = {
  submitted: 'blue',
  registered: 'blue',
  assigned: 'indigo',
  in_progress: 'indigo',
  awaiting_citizen: 'orange',
  answer_drafted: 'violet',
  answer_approved: 'violet',
  answered: 'teal',
  reopened: 'yellow',
  closed: 'gray',
  rejected: 'red',
  withdrawn: 'gray',
};

export function StateBadge({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" size="lg" data-testid="case-state">
      {t(`cases.states.${state}`)}
    </Badge>
  );
}

export type DeadlineStatus = 'none' | 'paused' | 'overdue' | 'soon' | 'running';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How the deadline stands now: paused while the case waits for the citizen, overdue once passed. */
export function deadlineStatus(
  theCase: { dueAt: string | null; pausedAt: string | null; state: CaseState },
  now = Date.now(),
): DeadlineStatus {
  if (!theCase.dueAt || ['answered', 'closed', 'rejected', 'withdrawn'].includes(theCase.state)) return 'none';
  if (theCase.pausedAt) return 'paused';
  const due = Date.parse(theCase.dueAt);
  if (due < now) return 'overdue';
  return due - now < 2 * DAY_MS ? 'soon' : 'running';
}

const DEADLINE_COLORS: Record<DeadlineStatus, MantineColor> = {
  none: 'gray',
  paused: 'orange',
  overdue: 'red',
  soon: 'yellow',
  running: 'teal',
};

export function DeadlineText({
  theCase,
}: {
  theCase: { dueAt: string | null; pausedAt: string | null; state: CaseState };
}) {
  const { t } = useTranslation();
  const status = deadlineStatus(theCase);
  if (status === 'none') return null;
  return (
    <Badge
      color={DEADLINE_COLORS[status]}
      variant={status === 'overdue' ? 'filled' : 'light'}
      tt="none"
      data-testid="case-deadline"
    >
      {t(`cases.deadline.${status}`, { date: formatDateTime(theCase.dueAt) })}
    </Badge>
  );
}

/** A notice's place as words: its label, else its coordinates. */
export function placeOf(location: { lat?: number; lng?: number; label?: string } | null | undefined): string {
  if (!location) return '';
  if (location.label) return location.label;
  if (location.lat !== undefined && location.lng !== undefined)
    return `${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`;
  return '';
}
