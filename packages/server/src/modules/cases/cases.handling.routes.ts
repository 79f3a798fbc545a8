import {
  caseAssigneesSchema,
  caseListSchema,
  type Endpoint,
  type EndpointBody,
  idParamsSchema,
  inboxQuerySchema,
  LOCK_ENDPOINTS,
  type LockAction,
  STAFF_ACTION_ENDPOINTS,
  type StaffAction,
  staffCaseSchema,
} from '@epeople/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { endpointSchema } from '../../http/endpoint-route.ts';
import { addContributor } from './handling/add-contributor.ts';
import { addNote } from './handling/add-note.ts';
import { approveDraft } from './handling/approve-draft.ts';
import { assignCase } from './handling/assign-case.ts';
import { breakCaseLock, type CaseLockView, releaseCase, takeCase } from './handling/case-lock.ts';
import { listInbox } from './handling/cases.inbox.ts';
import { closeCase } from './handling/close-case.ts';
import { contribute } from './handling/contribute.ts';
import { extendCaseDeadline } from './handling/extend-deadline.ts';
import { linkDuplicate } from './handling/link-duplicate.ts';
import { listAssignableStaff } from './handling/list-assignable-staff.ts';
import type { StaffActionArgs } from './handling/perform-staff-action.ts';
import { registerCase } from './handling/register-case.ts';
import { rejectCase } from './handling/reject-case.ts';
import { requestInfo } from './handling/request-info.ts';
import { returnDraft } from './handling/return-draft.ts';
import { saveDraft } from './handling/save-draft.ts';
import { sendStaffMessage } from './handling/send-case-message.ts';
import { startCase } from './handling/start-case.ts';
import { submitDraft } from './handling/submit-draft.ts';
import { transferCase } from './handling/transfer-case.ts';
import { viewStaffCase } from './handling/view-staff-case.ts';

type Run<E extends Endpoint, Answer> = (args: StaffActionArgs, body: EndpointBody<E>) => Promise<Answer>;

type AnswerCase = (args: StaffActionArgs) => Promise<unknown>;

/**
 * What each action of the contracts' STAFF_ACTION_ENDPOINTS does. Answering lives in the answers
 * module, which hands it in (modules/index.ts), so cases does not import answers: no cycle.
 */
const staffActionRuns = (
  answerCase: AnswerCase,
): { [A in StaffAction]: Run<(typeof STAFF_ACTION_ENDPOINTS)[A], unknown> } => ({
  register: (args) => registerCase(args),
  assign: (args, body) => assignCase({ ...args, assigneeId: body.assigneeId }),
  start: (args) => startCase(args),
  transfer: (args, body) => transferCase({ ...args, unitId: body.unitId, reason: body.reason }),
  request_info: (args, body) => requestInfo({ ...args, question: body.question }),
  add_note: (args, body) => addNote({ ...args, body: body.body }),
  send_message: (args, body) => sendStaffMessage({ ...args, body: body.body }),
  link_duplicate: (args, body) => linkDuplicate({ ...args, duplicateOfReference: body.duplicateOfReference }),
  add_contributor: (args, body) => addContributor({ ...args, unitId: body.unitId }),
  contribute: (args, body) => contribute({ ...args, contribution: body.contribution }),
  extend_deadline: (args, body) => extendCaseDeadline({ ...args, reason: body.reason }),
  save_draft: (args, body) => saveDraft({ ...args, ...body }),
  submit_draft: (args, body) => submitDraft({ ...args, ...body }),
  return_draft: (args, body) => returnDraft({ ...args, comment: body.comment }),
  approve_draft: (args, body) => approveDraft({ ...args, comment: body.comment }),
  answer: (args) => answerCase(args),
  reject: (args, body) => rejectCase({ ...args, reason: body.reason, explanation: body.explanation }),
  close: (args) => closeCase(args),
});

const LOCK_RUNS: { [A in LockAction]: Run<(typeof LOCK_ENDPOINTS)[A], CaseLockView> } = {
  take: (args) => takeCase(args),
  release: (args) => releaseCase(args),
  break_lock: (args, body) => breakCaseLock({ ...args, reason: body?.reason }),
};

/**
 * The back office: GET /inbox, GET /inbox/cases/{id} (the case page), one POST per action at
 * /inbox/cases/{id}/<action> (answering the case page again, so the web redraws its buttons),
 * and the lock: take, release, break-lock.
 */
export async function caseHandlingRoutes(
  app: FastifyInstance,
  { ctx, answerCase }: { ctx: AppContext; answerCase: AnswerCase },
): Promise<void> {
  const STAFF_ACTION_RUNS = staffActionRuns(answerCase);
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

  /** Each state-machine action (declared in the contracts) answers the case page as it now is. */
  for (const [action, endpoint] of Object.entries(STAFF_ACTION_ENDPOINTS) as Array<[StaffAction, Endpoint]>) {
    typed.post(endpoint.path, { schema: endpointSchema(endpoint, tags) }, async (request) => {
      const args = argsOf(request as FastifyRequest<{ Params: { id: string } }>);
      await (STAFF_ACTION_RUNS[action] as (args: StaffActionArgs, body: unknown) => Promise<unknown>)(
        args,
        request.body,
      );
      return page(request as FastifyRequest<{ Params: { id: string } }>);
    });
  }
  for (const [action, endpoint] of Object.entries(LOCK_ENDPOINTS) as Array<[LockAction, Endpoint]>) {
    typed.post(endpoint.path, { schema: endpointSchema(endpoint, tags) }, (request) =>
      LOCK_RUNS[action](argsOf(request as FastifyRequest<{ Params: { id: string } }>), request.body as never),
    );
  }
}
