/**
 * Case event names (UPPER_SNAKE) and who sees them: `public` events make the citizen's timeline,
 * `internal` ones are for staff only. Payloads are small JSON objects; a public event's payload
 * is shown to the citizen as is, so it never names staff members or carries internal text.
 */
export const CASE_EVENT_VISIBILITY = {
  CASE_SUBMITTED: 'public', // { type, channel: 'citizen' | 'guest' | 'anonymous' }
  CASE_ROUTED: 'public', // { unitId, isTriage, chosenByCitizen }
  CASE_REGISTERED: 'public',
  CASE_ASSIGNED: 'internal', // { assigneeId }
  CASE_STARTED: 'internal',
  CASE_TRANSFERRED: 'public', // { fromUnitId, toUnitId, reason }
  INFO_REQUESTED: 'public', // { question }
  INFO_PROVIDED: 'public', // { message }
  NOTE_ADDED: 'internal', // { body }
  DUPLICATE_LINKED: 'internal', // { duplicateOfCaseId }
  CONTRIBUTOR_ADDED: 'internal', // { unitId }
  DEADLINE_EXTENDED: 'public', // { reason, dueAt }
  EXTENSION_CONSENTED: 'public',
  DRAFT_SAVED: 'internal',
  DRAFT_SUBMITTED: 'internal',
  DRAFT_RETURNED: 'internal', // { comment }
  DRAFT_APPROVED: 'internal',
  ANSWER_SENT: 'public', // { outcome, answerId }
  ANSWER_SIGNED: 'public', // { answerId }: the letter is signed (written by the answers module's job)
  CASE_REJECTED: 'public', // { reason, explanation }
  CASE_CLOSED: 'public', // { automatic }
  CASE_WITHDRAWN: 'public', // { reason? }
  ANSWER_RATED: 'public', // { rating, comment? }
  FOLLOW_UP_REQUESTED: 'public', // { reason }
  IDENTITY_REVEAL_CONSENTED: 'public',
  MESSAGE_POSTED: 'public', // { body, from: 'citizen' | 'staff' }
  DOCUMENT_ADDED: 'public', // { attachmentIds }
  DEADLINE_WARNED: 'internal',
  DEADLINE_ESCALATED: 'internal',
  ACKNOWLEDGEMENT_OVERDUE: 'internal', // a notice still in 'submitted' past its acknowledgement deadline
  PROGRESS_NOTICE_SENT: 'public',
} as const satisfies Record<string, 'public' | 'internal'>;
export type CaseEventType = keyof typeof CASE_EVENT_VISIBILITY;
