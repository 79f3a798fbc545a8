import {
  addContributorRequestSchema,
  addNoteRequestSchema,
  assignCaseRequestSchema,
  breakLockRequestSchema,
  caseAssigneesSchema,
  caseListSchema,
  caseLockSchema,
  caseMessageRequestSchema,
  closeCaseRequestSchema,
  contributeRequestSchema,
  draftAnswerRequestSchema,
  type ErrorCode,
  extendDeadlineRequestSchema,
  idParamsSchema,
  inboxQuerySchema,
  linkDuplicateRequestSchema,
  rejectCaseRequestSchema,
  requestInfoRequestSchema,
  reviewDraftRequestSchema,
  staffCaseSchema,
  transferCaseRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { listInbox } from './cases.inbox.ts';
import { addNote, linkDuplicate } from './usecases/annotate-case.ts';
import { answerCase, closeCase, rejectCase } from './usecases/answer-case.ts';
import { assignCase, listAssignableStaff, registerCase, startCase } from './usecases/assign-case.ts';
import { breakCaseLock, type CaseLockView, releaseCase, takeCase } from './usecases/case-lock.ts';
import { approveDraft, returnDraft, saveDraft, submitDraft } from './usecases/draft-answer.ts';
import { extendCaseDeadline } from './usecases/extend-deadline.ts';
import { addContributor, contribute } from './usecases/joint-case.ts';
import type { StaffActionArgs } from './usecases/perform-staff-action.ts';
import { requestInfo } from './usecases/request-info.ts';
import { sendStaffMessage } from './usecases/send-case-message.ts';
import { transferCase } from './usecases/transfer-case.ts';
import { viewStaffCase } from './usecases/view-staff-case.ts';

/** Problems every staff action can answer (usecases/perform-staff-action.ts), then each one's own. */
const STAFF_ACTION_PROBLEMS: readonly ErrorCode[] = [
  'common.unauthenticated',
  'common.forbidden',
  'cases.not_found',
  'cases.action_not_allowed',
  'cases.invalid_transition',
  'cases.locked',
];
const STAFF_ACTION_OWN_PROBLEMS: Partial<Record<string, readonly ErrorCode[]>> = {
  assign: ['cases.assignee_not_eligible'],
  transfer: ['cases.transfer_target_invalid'],
  messages: ['cases.messages_not_available'],
  'link-duplicate': ['cases.duplicate_target_invalid'],
  contributors: ['cases.contributor_exists'],
  contribution: ['cases.not_contributor'],
  'extend-deadline': ['cases.extension_needs_consent', 'cases.extension_limit'],
  draft: ['cases.outcome_not_for_type'],
  'submit-draft': ['cases.outcome_not_for_type'],
  'return-draft': ['cases.no_draft', 'cases.own_draft_review'],
  'approve-draft': ['cases.no_draft', 'cases.own_draft_review'],
  answer: ['cases.no_draft'],
};
const problemsOf = (path: string) => ({
  problems: [...STAFF_ACTION_PROBLEMS, ...(STAFF_ACTION_OWN_PROBLEMS[path] ?? [])],
});

// A POST without a body reaches the schema as null.
const emptyBodySchema = z.strictObject({}).nullish();

/**
 * The back office: GET /inbox, GET /inbox/cases/{id} (the case page), one POST per action at
 * /inbox/cases/{id}/<action> (answering the case page again, so the web redraws its buttons),
 * and the lock: take, release, break-lock.
 */
export async function caseHandlingRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inbox'];
  const argsOf = (request: FastifyRequest<{ Params: { id: string } }>): StaffActionArgs => ({
    ctx,
    actor: request.actor,
    caseId: request.params.id,
    requestId: request.id,
  });
  const page = (request: FastifyRequest<{ Params: { id: string } }>) => viewStaffCase(argsOf(request));

  typed.get(
    '/inbox',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'The cases this staff member may handle, filtered, sorted by deadline, paginated',
        querystring: inboxQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    (request) => listInbox({ ctx, actor: request.actor, query: request.query }),
  );

  typed.get(
    '/inbox/cases/:id',
    {
      schema: {
        openapi: { problems: ['cases.not_found', 'common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'The case page: request, contact, full timeline, drafts, lock, allowed actions (audited)',
        params: idParamsSchema,
        response: { 200: staffCaseSchema },
      },
    },
    (request) => page(request),
  );

  typed.get(
    '/inbox/cases/:id/assignees',
    {
      schema: {
        openapi: {
          problems: ['cases.action_not_allowed', 'cases.not_found', 'common.forbidden', 'common.unauthenticated'],
        },
        tags,
        summary: 'Who the case may be assigned to: active officers and supervisors of its unit (for those who assign)',
        params: idParamsSchema,
        response: { 200: caseAssigneesSchema },
      },
    },
    (request) => listAssignableStaff(argsOf(request)),
  );

  /** One POST per state-machine action; each answers the case page as it now is. */
  const action = <Body extends z.ZodType>(
    path: string,
    summary: string,
    body: Body,
    run: (args: StaffActionArgs, body: z.infer<Body>) => Promise<unknown>,
  ) =>
    typed.post(
      `/inbox/cases/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          body,
          response: { 200: staffCaseSchema },
          openapi: problemsOf(path),
        },
      },
      async (request) => {
        await run(argsOf(request), request.body as z.infer<Body>);
        return page(request);
      },
    );

  action('register', 'Register a submitted case in the unit', emptyBodySchema, (args) => registerCase(args));
  action('assign', 'Assign or reassign the case to a handler of the unit', assignCaseRequestSchema, (args, body) =>
    assignCase({ ...args, assigneeId: body.assigneeId }),
  );
  action('start', 'Start handling the case', emptyBodySchema, (args) => startCase(args));
  action(
    'transfer',
    'Transfer to another unit with a reason (its clock restarts)',
    transferCaseRequestSchema,
    (args, body) => transferCase({ ...args, unitId: body.unitId, reason: body.reason }),
  );
  action('request-info', 'Ask the citizen for information (the clock pauses)', requestInfoRequestSchema, (args, body) =>
    requestInfo({ ...args, question: body.question }),
  );
  action('notes', 'Add an internal note', addNoteRequestSchema, (args, body) => addNote({ ...args, body: body.body }));
  action(
    'messages',
    'Write to the reporter in a notice’s thread (public; e-mailed when a contact exists)',
    caseMessageRequestSchema,
    (args, body) => sendStaffMessage({ ...args, body: body.body }),
  );
  action('link-duplicate', 'Link as a duplicate of an earlier case', linkDuplicateRequestSchema, (args, body) =>
    linkDuplicate({ ...args, duplicateOfReference: body.duplicateOfReference }),
  );
  action('contributors', 'Add a contributing unit (joint case)', addContributorRequestSchema, (args, body) =>
    addContributor({ ...args, unitId: body.unitId }),
  );
  action('contribution', "Record the contributing unit's part", contributeRequestSchema, (args, body) =>
    contribute({ ...args, contribution: body.contribution }),
  );
  action(
    'extend-deadline',
    'Extend the deadline with a reason shown to the citizen',
    extendDeadlineRequestSchema,
    (args, body) => extendCaseDeadline({ ...args, reason: body.reason }),
  );
  action('draft', 'Save the answer draft', draftAnswerRequestSchema, (args, body) => saveDraft({ ...args, ...body }));
  action('submit-draft', 'Save and submit the answer draft for review', draftAnswerRequestSchema, (args, body) =>
    submitDraft({ ...args, ...body }),
  );
  action('return-draft', 'Return the draft to its author (supervisor)', reviewDraftRequestSchema, (args, body) =>
    returnDraft({ ...args, comment: body.comment }),
  );
  action('approve-draft', "Approve the draft (supervisor, not one's own)", reviewDraftRequestSchema, (args, body) =>
    approveDraft({ ...args, comment: body.comment }),
  );
  action('answer', 'Send the approved draft as the answer', emptyBodySchema, (args) => answerCase(args));
  action('reject', 'Reject the case with a reason and an explanation', rejectCaseRequestSchema, (args, body) =>
    rejectCase({ ...args, reason: body.reason, explanation: body.explanation }),
  );
  action('close', 'Close an answered case', closeCaseRequestSchema.nullish(), (args) => closeCase(args));

  const lockRoute = <Body extends z.ZodType>(
    path: string,
    summary: string,
    body: Body,
    run: (args: StaffActionArgs, body: z.infer<Body>) => Promise<CaseLockView>,
  ) =>
    typed.post(
      `/inbox/cases/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          body,
          response: { 200: caseLockSchema },
          openapi: problemsOf(path),
        },
      },
      (request) => run(argsOf(request), request.body as z.infer<Body>),
    );
  lockRoute('take', 'Take the case: lock it for 15 minutes (renewed by actions)', emptyBodySchema, (args) =>
    takeCase(args),
  );
  lockRoute('release', 'Release one’s lock on the case', emptyBodySchema, (args) => releaseCase(args));
  lockRoute(
    'break-lock',
    'Break another handler’s lock (supervisor, audited)',
    breakLockRequestSchema.nullish(),
    (args, body) => breakCaseLock({ ...args, reason: body?.reason }),
  );
}
