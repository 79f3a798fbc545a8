import { type CaseEvent, caseOutcomeSchema } from '@epeople/contracts';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './case-format.tsx';

/** Free text an event carries, shown under its title (questions, replies, reasons, messages). */
const TEXT_FIELDS = ['question', 'message', 'body', 'reason', 'explanation', 'comment', 'contribution'] as const;

/** Event titles known to the pages; others (added later on the server) get a neutral title. */
const KNOWN_EVENTS = [
  'CASE_SUBMITTED',
  'CASE_ROUTED',
  'CASE_REGISTERED',
  'CASE_ASSIGNED',
  'CASE_STARTED',
  'CASE_TRANSFERRED',
  'INFO_REQUESTED',
  'INFO_PROVIDED',
  'NOTE_ADDED',
  'DUPLICATE_LINKED',
  'CONTRIBUTOR_ADDED',
  'DEADLINE_EXTENDED',
  'EXTENSION_CONSENTED',
  'DRAFT_SAVED',
  'DRAFT_SUBMITTED',
  'DRAFT_RETURNED',
  'DRAFT_APPROVED',
  'ANSWER_SENT',
  'ANSWER_SIGNED',
  'CASE_REJECTED',
  'CASE_CLOSED',
  'CASE_WITHDRAWN',
  'ANSWER_RATED',
  'FOLLOW_UP_REQUESTED',
  'IDENTITY_REVEAL_CONSENTED',
  'MESSAGE_POSTED',
  'DOCUMENT_ADDED',
  'DEADLINE_WARNED',
  'DEADLINE_ESCALATED',
  'ACKNOWLEDGEMENT_OVERDUE',
  'PROGRESS_NOTICE_SENT',
] as const;
const isKnownEvent = (type: string): type is (typeof KNOWN_EVENTS)[number] =>
  (KNOWN_EVENTS as readonly string[]).includes(type);

function eventTitle(event: CaseEvent, t: TFunction, isCitizenView: boolean): string {
  if (event.type === 'MESSAGE_POSTED') {
    if (event.actorKind === 'staff' || event.data.from === 'staff') return t('cases.timeline.messageFromStaff');
    return isCitizenView ? t('cases.timeline.messageFromYou') : t('cases.timeline.messageFromCitizen');
  }
  if (event.type === 'ANSWER_RATED' && typeof event.data.rating === 'number') {
    return t('cases.timeline.rated', { rating: event.data.rating });
  }
  const outcome = caseOutcomeSchema.safeParse(event.data.outcome);
  if (event.type === 'ANSWER_SENT' && outcome.success) {
    return t('cases.timeline.answered', { outcome: t(`cases.outcomes.${outcome.data}`) });
  }
  return isKnownEvent(event.type) ? t(`cases.events.${event.type}`) : t('cases.timeline.other');
}

/**
 * The history of a case, newest first. Citizens receive public events only; staff also see
 * internal ones (notes, drafts, assignments), drawn apart so nobody mistakes them for what the
 * citizen reads.
 */
export function CaseTimeline({
  events,
  label,
  isCitizenView = false,
}: {
  events: readonly CaseEvent[];
  label: string;
  /** The citizen reading their own case: their messages are "yours". */
  isCitizenView?: boolean;
}) {
  const { t } = useTranslation();
  // The server lists events in the order they happened (same instant included): reversed, then
  // sorted by time (a stable sort), so events of one instant keep their order.
  const ordered = [...events].reverse().sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Stack component="ol" gap="sm" className="case-timeline" aria-label={label} data-testid="case-timeline">
      {ordered.map((event) => {
        const isInternal = event.visibility === 'internal';
        const texts = TEXT_FIELDS.map((field) => event.data[field]).filter(
          (value): value is string => typeof value === 'string' && value.trim() !== '',
        );
        return (
          <Paper
            component="li"
            key={event.id}
            withBorder
            p="sm"
            className={isInternal ? 'timeline-event timeline-event-internal' : 'timeline-event'}
            data-testid="timeline-event"
            data-event-type={event.type}
            data-visibility={event.visibility}
          >
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Group gap="xs">
                <Text fw={700}>{eventTitle(event, t, isCitizenView)}</Text>
                {isInternal ? (
                  <Badge color="gray" variant="outline" tt="none">
                    {t('cases.timeline.internal')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" c="dimmed" component="time" dateTime={event.at}>
                {formatDateTime(event.at)}
              </Text>
            </Group>
            {texts.map((text) => (
              <Text key={text} mt={4} className="multiline-text" data-testid="timeline-text">
                {text}
              </Text>
            ))}
          </Paper>
        );
      })}
    </Stack>
  );
}
