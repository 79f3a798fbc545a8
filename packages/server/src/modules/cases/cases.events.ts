import { z } from 'zod';

const id = z.string();
const none = z.strictObject({});

/**
 * Every case event in one place: who sees it and the payload it carries. `public` events make the
 * citizen's timeline, `internal` ones are for staff only. A public event's payload is shown to the
 * citizen as is, so it never names staff members or carries internal text. recordCaseChange
 * (case-change.ts) checks each payload against its schema before writing it, so a payload that
 * drifts from this list fails the change instead of reaching the timeline.
 */
export const CASE_EVENTS = {
  CASE_SUBMITTED: {
    visibility: 'public',
    payload: z.strictObject({
      type: z.string(),
      channel: z.enum(['citizen', 'guest', 'anonymous']),
      attachments: z.number().int(),
    }),
  },
  CASE_ROUTED: {
    visibility: 'public',
    payload: z.strictObject({ unitId: id, isTriage: z.boolean(), chosenByCitizen: z.boolean() }),
  },
  CASE_REGISTERED: { visibility: 'public', payload: none },
  CASE_ASSIGNED: {
    visibility: 'internal',
    payload: z.strictObject({ assigneeId: id, previousAssigneeId: id.nullable() }),
  },
  CASE_STARTED: { visibility: 'internal', payload: none },
  CASE_TRANSFERRED: {
    visibility: 'public',
    payload: z.strictObject({ fromUnitId: id, toUnitId: id, reason: z.string() }),
  },
  INFO_REQUESTED: { visibility: 'public', payload: z.strictObject({ question: z.string() }) },
  INFO_PROVIDED: { visibility: 'public', payload: z.strictObject({ message: z.string() }) },
  NOTE_ADDED: { visibility: 'internal', payload: z.strictObject({ body: z.string() }) },
  DUPLICATE_LINKED: {
    visibility: 'internal',
    payload: z.strictObject({ duplicateOfCaseId: id, duplicateOfReference: z.string() }),
  },
  CONTRIBUTOR_ADDED: { visibility: 'internal', payload: z.strictObject({ unitId: id }) },
  /** A contributing unit of a joint case added its part. */
  CONTRIBUTION_ADDED: { visibility: 'internal', payload: z.strictObject({ unitId: id }) },
  /** A supervisor broke another handler's lock. */
  LOCK_BROKEN: {
    visibility: 'internal',
    payload: z.strictObject({ previousHolderId: id.nullable(), reason: z.string().optional() }),
  },
  DEADLINE_EXTENDED: {
    visibility: 'public',
    payload: z.strictObject({ reason: z.string(), dueAt: z.string().nullable() }),
  },
  EXTENSION_CONSENTED: { visibility: 'public', payload: none },
  DRAFT_SAVED: { visibility: 'internal', payload: z.strictObject({ draftId: id, outcome: z.string() }) },
  DRAFT_SUBMITTED: { visibility: 'internal', payload: z.strictObject({ draftId: id, outcome: z.string() }) },
  DRAFT_RETURNED: { visibility: 'internal', payload: z.strictObject({ draftId: id, comment: z.string().nullable() }) },
  DRAFT_APPROVED: { visibility: 'internal', payload: z.strictObject({ draftId: id }) },
  ANSWER_SENT: { visibility: 'public', payload: z.strictObject({ outcome: z.string(), answerId: id }) },
  /** The letter is signed (written by the answers module's sign job). */
  ANSWER_SIGNED: { visibility: 'public', payload: z.strictObject({ answerId: id }) },
  CASE_REJECTED: {
    visibility: 'public',
    payload: z.strictObject({ reason: z.string(), explanation: z.string().optional() }),
  },
  CASE_CLOSED: { visibility: 'public', payload: z.strictObject({ automatic: z.boolean() }) },
  CASE_WITHDRAWN: { visibility: 'public', payload: z.strictObject({ reason: z.string().optional() }) },
  ANSWER_RATED: {
    visibility: 'public',
    payload: z.strictObject({ rating: z.number().int(), comment: z.string().optional() }),
  },
  FOLLOW_UP_REQUESTED: { visibility: 'public', payload: z.strictObject({ reason: z.string() }) },
  IDENTITY_REVEAL_CONSENTED: { visibility: 'public', payload: none },
  MESSAGE_POSTED: {
    visibility: 'public',
    payload: z.strictObject({ body: z.string(), from: z.enum(['citizen', 'staff']) }),
  },
  DOCUMENT_ADDED: { visibility: 'public', payload: z.strictObject({ attachmentIds: z.array(id) }) },
  DEADLINE_WARNED: { visibility: 'internal', payload: z.strictObject({ dueAt: z.string() }) },
  DEADLINE_ESCALATED: { visibility: 'internal', payload: none },
  /** A notice still in 'submitted' past its acknowledgement deadline. */
  ACKNOWLEDGEMENT_OVERDUE: { visibility: 'internal', payload: none },
  PROGRESS_NOTICE_SENT: { visibility: 'public', payload: none },
} as const satisfies Record<string, { visibility: 'public' | 'internal'; payload: z.ZodType }>;

export type CaseEventType = keyof typeof CASE_EVENTS;
export type CaseEventData<T extends CaseEventType> = z.input<(typeof CASE_EVENTS)[T]['payload']>;

/** An event as a use case states it: its type and the payload that type takes. */
export type CaseEventInput = {
  [T in CaseEventType]: Record<never, never> extends CaseEventData<T>
    ? { type: T; data?: CaseEventData<T> }
    : { type: T; data: CaseEventData<T> };
}[CaseEventType];

export const CASE_EVENT_VISIBILITY = Object.fromEntries(
  Object.entries(CASE_EVENTS).map(([type, { visibility }]) => [type, visibility]),
) as { [T in CaseEventType]: (typeof CASE_EVENTS)[T]['visibility'] };

/** The payload as it will be stored, once checked against its type's schema (throws if it does not fit). */
export function checkedEventData(event: CaseEventInput): Record<string, unknown> {
  const data = event.data ?? {};
  CASE_EVENTS[event.type].payload.parse(data);
  return data;
}
