import { z } from 'zod';
import { idParamsSchema } from '../agencies.ts';
import {
  addContributorRequestSchema,
  addNoteRequestSchema,
  assignCaseRequestSchema,
  breakLockRequestSchema,
  caseLockSchema,
  caseMessageRequestSchema,
  closeCaseRequestSchema,
  contributeRequestSchema,
  draftAnswerRequestSchema,
  extendDeadlineRequestSchema,
  linkDuplicateRequestSchema,
  rejectCaseRequestSchema,
  requestInfoRequestSchema,
  reviewDraftRequestSchema,
  staffCaseSchema,
  transferCaseRequestSchema,
} from '../cases.ts';
import { defineEndpoint } from '../endpoint.ts';
import type { ErrorCode } from '../errors.ts';

/** A POST without a body reaches the schema as null. */
export const emptyBodySchema = z.strictObject({}).nullish();

/** Problems every staff action can answer (server usecases/perform-staff-action.ts). */
const STAFF_ACTION_PROBLEMS = [
  'common.unauthenticated',
  'common.forbidden',
  'cases.not_found',
  'cases.action_not_allowed',
  'cases.invalid_transition',
  'cases.locked',
] as const satisfies readonly ErrorCode[];

/** One POST per state-machine action at /inbox/cases/{id}/<path>, answering the case page as it now is. */
const staffAction = <const Path extends string, const Body extends z.ZodType>(
  path: Path,
  operationId: string,
  summary: string,
  body: Body,
  problems: readonly ErrorCode[] = [],
) =>
  defineEndpoint({
    method: 'POST',
    path: `/inbox/cases/:id/${path}`,
    operationId,
    summary,
    params: idParamsSchema,
    body,
    responses: { 200: staffCaseSchema },
    problems: [...STAFF_ACTION_PROBLEMS, ...problems],
  });

/** The back office's actions on a case, by the name the web gives them (its `CaseAction`). */
export const STAFF_ACTION_ENDPOINTS = {
  register: staffAction('register', 'registerCase', 'Register a submitted case in the unit', emptyBodySchema),
  assign: staffAction(
    'assign',
    'assignCase',
    'Assign or reassign the case to a handler of the unit',
    assignCaseRequestSchema,
    ['cases.assignee_not_eligible'],
  ),
  start: staffAction('start', 'startCase', 'Start handling the case', emptyBodySchema),
  transfer: staffAction(
    'transfer',
    'transferCase',
    'Transfer to another unit with a reason (its clock restarts)',
    transferCaseRequestSchema,
    ['cases.transfer_target_invalid'],
  ),
  request_info: staffAction(
    'request-info',
    'requestCaseInfo',
    'Ask the citizen for information (the clock pauses)',
    requestInfoRequestSchema,
  ),
  add_note: staffAction('notes', 'addCaseNote', 'Add an internal note', addNoteRequestSchema),
  send_message: staffAction(
    'messages',
    'sendStaffCaseMessage',
    'Write to the reporter in a notice’s thread (public; e-mailed when a contact exists)',
    caseMessageRequestSchema,
    ['cases.messages_not_available'],
  ),
  link_duplicate: staffAction(
    'link-duplicate',
    'linkDuplicateCase',
    'Link as a duplicate of an earlier case',
    linkDuplicateRequestSchema,
    ['cases.duplicate_target_invalid'],
  ),
  add_contributor: staffAction(
    'contributors',
    'addCaseContributor',
    'Add a contributing unit (joint case)',
    addContributorRequestSchema,
    ['cases.contributor_exists'],
  ),
  contribute: staffAction(
    'contribution',
    'contributeToCase',
    "Record the contributing unit's part",
    contributeRequestSchema,
    ['cases.not_contributor'],
  ),
  extend_deadline: staffAction(
    'extend-deadline',
    'extendCaseDeadline',
    'Extend the deadline with a reason shown to the citizen',
    extendDeadlineRequestSchema,
    ['cases.extension_needs_consent', 'cases.extension_limit'],
  ),
  save_draft: staffAction('draft', 'saveAnswerDraft', 'Save the answer draft', draftAnswerRequestSchema, [
    'cases.outcome_not_for_type',
  ]),
  submit_draft: staffAction(
    'submit-draft',
    'submitAnswerDraft',
    'Save and submit the answer draft for review',
    draftAnswerRequestSchema,
    ['cases.outcome_not_for_type'],
  ),
  return_draft: staffAction(
    'return-draft',
    'returnAnswerDraft',
    'Return the draft to its author (supervisor)',
    reviewDraftRequestSchema,
    ['cases.no_draft', 'cases.own_draft_review'],
  ),
  approve_draft: staffAction(
    'approve-draft',
    'approveAnswerDraft',
    "Approve the draft (supervisor, not one's own)",
    reviewDraftRequestSchema,
    ['cases.no_draft', 'cases.own_draft_review'],
  ),
  answer: staffAction('answer', 'answerCase', 'Send the approved draft as the answer', emptyBodySchema, [
    'cases.no_draft',
  ]),
  reject: staffAction(
    'reject',
    'rejectCase',
    'Reject the case with a reason and an explanation',
    rejectCaseRequestSchema,
  ),
  close: staffAction('close', 'closeCase', 'Close an answered case', closeCaseRequestSchema.nullish()),
} as const;
export type StaffAction = keyof typeof STAFF_ACTION_ENDPOINTS;

/** Taking a case locks it for 15 minutes (renewed by actions); a supervisor may break someone else's lock. */
const lockAction = <const Path extends string, const Body extends z.ZodType>(
  path: Path,
  operationId: string,
  summary: string,
  body: Body,
) =>
  defineEndpoint({
    method: 'POST',
    path: `/inbox/cases/:id/${path}`,
    operationId,
    summary,
    params: idParamsSchema,
    body,
    responses: { 200: caseLockSchema },
    problems: STAFF_ACTION_PROBLEMS,
  });

export const LOCK_ENDPOINTS = {
  take: lockAction('take', 'takeCase', 'Take the case: lock it for 15 minutes (renewed by actions)', emptyBodySchema),
  release: lockAction('release', 'releaseCase', 'Release one’s lock on the case', emptyBodySchema),
  break_lock: lockAction(
    'break-lock',
    'breakCaseLock',
    'Break another handler’s lock (supervisor, audited)',
    breakLockRequestSchema.nullish(),
  ),
} as const;
export type LockAction = keyof typeof LOCK_ENDPOINTS;
