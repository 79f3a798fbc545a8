import {
  ACCESS_CODE_HEADER,
  addDocumentRequestSchema,
  caseListSchema,
  caseMessageRequestSchema,
  caseReferenceParamsSchema,
  citizenCaseSchema,
  consentRequestSchema,
  type ErrorCode,
  type FileCaseRequest,
  fileCaseEndpoint,
  followUpRequestSchema,
  IDEMPOTENCY_KEY_HEADER,
  myCasesQuerySchema,
  rateCaseRequestSchema,
  replyInfoRequestSchema,
  staffCaseSchema,
  withdrawCaseRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { endpointSchema } from '../../http/endpoint-route.ts';
import { toCitizenCaseDto } from './cases.presenter.ts';
import { addCaseDocument } from './citizen/add-case-document.ts';
import { consentToExtension } from './citizen/consent-extension.ts';
import { consentToRevealIdentity } from './citizen/consent-identity.ts';
import type { CaseActionArgs } from './citizen/perform-case-action.ts';
import { rateCase } from './citizen/rate-case.ts';
import { replyToInfoRequest } from './citizen/reply-to-info-request.ts';
import { requestFollowUp } from './citizen/request-follow-up.ts';
import { withdrawCase } from './citizen/withdraw-case.ts';
import { fileCase } from './filing/file-case.ts';
import { sendCaseMessage } from './handling/send-case-message.ts';
import { loadCaseView } from './tracking/case-access.ts';
import { listMyCases, presentCase, trackCase } from './tracking/track-case.ts';

/** Finding a case by reference: not found, or too many wrong access codes from this client (usecases/case-access.ts). */
const CASE_LOCATOR_PROBLEMS: readonly ErrorCode[] = ['cases.not_found', 'common.rate_limited'];
/** Problems every citizen action can answer (usecases/perform-case-action.ts), then each one's own. */
const CITIZEN_ACTION_PROBLEMS: readonly ErrorCode[] = [
  ...CASE_LOCATOR_PROBLEMS,
  'cases.action_not_allowed',
  'cases.invalid_transition',
];
const CITIZEN_ACTION_OWN_PROBLEMS: Partial<Record<string, readonly ErrorCode[]>> = {
  rating: ['cases.already_rated'],
  'follow-up': ['cases.follow_up_used', 'cases.follow_up_expired'],
  'identity-consent': ['cases.identity_already_revealed', 'cases.no_sealed_identity'],
  'extension-consent': ['cases.no_extension_to_consent'],
  messages: ['cases.messages_not_available'],
  documents: ['cases.attachment_not_found', 'cases.attachment_not_anonymous'],
};

// The citizen's view first: tracking is the busy path, and a union tries its options in order (both are
// strict objects, so neither accepts the other's shape and the order changes nothing else).
const caseViewSchema = z.union([citizenCaseSchema, staffCaseSchema]);
const accessHeadersSchema = z.looseObject({ [ACCESS_CODE_HEADER]: z.string().max(64).optional() });

/** Filing, tracking and the citizen's actions on a case. */
export async function casesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const accessCodeOf = (request: FastifyRequest): string | undefined => {
    const value = request.headers[ACCESS_CODE_HEADER];
    return typeof value === 'string' ? value : undefined;
  };

  const actionArgs = (request: FastifyRequest<{ Params: { reference: string } }>): CaseActionArgs => ({
    ctx,
    actor: request.actor,
    locator: { reference: request.params.reference, accessCode: accessCodeOf(request), client: request.ip },
    requestId: request.id,
  });

  typed.post(
    fileCaseEndpoint.path,
    {
      schema: endpointSchema(fileCaseEndpoint, tags),
      config: {
        // Filing is open to anyone without an account: a per-address ceiling keeps a script from flooding inboxes.
        rateLimit: { max: ctx.config.FILING_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
        // An anonymous notice is filed as nobody's, whatever session the browser sends
        // (docs/threat-model-anonymous-notice.md).
        isAnonymousRequest: (request) => (request.body as FileCaseRequest).anonymous === true,
      },
    },
    async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_KEY_HEADER];
      const filed = await fileCase({
        ctx,
        actor: request.actor,
        input: request.body,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        requestId: request.id,
        client: request.ip,
      });
      const data = await loadCaseView({
        db: ctx.database.db,
        theCase: filed.theCase,
        includeInternal: false,
        now: ctx.now(),
        known: filed.written,
      });
      return reply
        .status(filed.created ? 201 : 200)
        .send({ case: toCitizenCaseDto(filed.theCase, filed.roles, data), accessCode: filed.accessCode });
    },
  );

  typed.get(
    '/cases/:reference',
    {
      schema: {
        openapi: { problems: CASE_LOCATOR_PROBLEMS },
        tags,
        summary: 'Track a case with the owner’s session, or the access code in the x-access-code header',
        params: caseReferenceParamsSchema,
        headers: accessHeadersSchema,
        response: { 200: caseViewSchema },
      },
    },
    async (request) => trackCase({ ctx, actor: request.actor, locator: actionArgs(request).locator }),
  );

  typed.get(
    '/me/cases',
    {
      schema: {
        openapi: { problems: ['common.unauthenticated'] },
        tags,
        summary: 'My cases, newest first',
        querystring: myCasesQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => listMyCases({ ctx, actor: request.actor, ...request.query }),
  );

  /** One route per citizen action: each a transition of the state machine. */
  const citizenAction = <Body extends z.ZodType>(
    path: string,
    summary: string,
    body: Body,
    run: (args: CaseActionArgs, body: z.infer<Body>) => ReturnType<typeof withdrawCase>,
  ) =>
    typed.post(
      `/cases/:reference/${path}`,
      {
        schema: {
          tags,
          summary,
          params: caseReferenceParamsSchema,
          headers: accessHeadersSchema,
          body,
          response: { 200: caseViewSchema },
          openapi: { problems: [...CITIZEN_ACTION_PROBLEMS, ...(CITIZEN_ACTION_OWN_PROBLEMS[path] ?? [])] },
        },
      },
      async (request) => {
        const { theCase, roles } = await run(actionArgs(request), request.body as z.infer<Body>);
        return presentCase({ ctx, theCase, roles });
      },
    );

  citizenAction('info-reply', 'Reply to the handler’s request for information', replyInfoRequestSchema, (args, body) =>
    replyToInfoRequest({ ...args, message: body.message }),
  );
  citizenAction('withdrawal', 'Withdraw the case', withdrawCaseRequestSchema, (args, body) =>
    withdrawCase({ ...args, reason: body.reason }),
  );
  citizenAction('rating', 'Rate the answer (1–5, with a comment)', rateCaseRequestSchema, (args, body) =>
    rateCase({ ...args, rating: body.rating, comment: body.comment }),
  );
  citizenAction(
    'follow-up',
    'Ask for a follow-up (once, within 30 days of the answer)',
    followUpRequestSchema,
    (args, body) => requestFollowUp({ ...args, reason: body.reason }),
  );
  citizenAction(
    'identity-consent',
    'Let the handlers read the identity sealed with this notice',
    consentRequestSchema,
    (args) => consentToRevealIdentity(args),
  );
  citizenAction(
    'extension-consent',
    'Agree that the deadline may be extended a second time',
    consentRequestSchema.nullish(),
    (args) => consentToExtension(args),
  );
  citizenAction('messages', 'Write in the thread of a notice', caseMessageRequestSchema, (args, body) =>
    sendCaseMessage({ ...args, body: body.body }),
  );
  citizenAction(
    'documents',
    'Add documents uploaded through the attachments API',
    addDocumentRequestSchema,
    (args, body) => addCaseDocument({ ...args, attachmentIds: body.attachmentIds }),
  );
}
