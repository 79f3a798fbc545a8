import { z } from 'zod';
import { emailSchema, fullNameSchema, phoneSchema } from './accounts.ts';
import { attachmentSchema } from './attachments.ts';
import { languageSchema, type RequestType, requestTypeSchema } from './enums.ts';
import { governorateSchema } from './governorates.ts';
import { multiLineText, singleLineText } from './text.ts';

/** The lifecycle of docs/PRODUCT.md §5; the server's cases.state-machine.ts moves cases between them. */
export const CASE_STATES = [
  'submitted',
  'registered',
  'assigned',
  'in_progress',
  'awaiting_citizen',
  'answer_drafted',
  'answer_approved',
  'answered',
  'reopened',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export const caseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof caseStateSchema>;

/** Every action on a filed case; the state machine says in which states and by whom. */
export const CASE_ACTIONS = [
  // Back office.
  'register',
  'assign',
  'start',
  'transfer',
  'request_info',
  'add_note',
  'link_duplicate',
  'add_contributor',
  'extend_deadline',
  'save_draft',
  'submit_draft',
  'return_draft',
  'approve_draft',
  'answer',
  'reject',
  'close',
  // A contributing unit of a joint case adds its part.
  'contribute',
  // Citizen (owner, or holder of the access code).
  'reply_info',
  'add_document',
  'withdraw',
  'rate',
  'request_follow_up',
  'consent_identity',
  'consent_extension',
  // Both sides: the thread of a notice (the only channel with an anonymous reporter).
  'send_message',
] as const;
export const caseActionSchema = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof caseActionSchema>;

/** Answer outcomes per type (docs/PRODUCT.md §4.1). */
export const OUTCOMES_BY_TYPE = {
  petition: ['upheld', 'partly_upheld', 'not_upheld'],
  guidance: ['answered'],
  suggestion: ['adopted', 'partly_adopted', 'under_study', 'not_adopted'],
  notice: ['substantiated', 'referred', 'unsubstantiated'],
} as const satisfies Record<RequestType, readonly string[]>;
export const CASE_OUTCOMES = [...new Set(Object.values(OUTCOMES_BY_TYPE).flat())] as [CaseOutcome, ...CaseOutcome[]];
export type CaseOutcome = (typeof OUTCOMES_BY_TYPE)[RequestType][number];
export const caseOutcomeSchema = z.enum(CASE_OUTCOMES);

export const REJECTION_REASONS = ['inadmissible', 'duplicate', 'out_of_scope'] as const;
export const rejectionReasonSchema = z.enum(REJECTION_REASONS);

/** Type codes of reference numbers: PET-2026-004213-K. */
export const REFERENCE_TYPE_CODES = {
  petition: 'PET',
  guidance: 'GUI',
  suggestion: 'SUG',
  notice: 'NOT',
} as const satisfies Record<RequestType, string>;

/** The header carrying a guest's or anonymous reporter's access code when tracking. */
export const ACCESS_CODE_HEADER = 'x-access-code';
/** Filing: the same key twice from the same submitter answers the same case. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Lenient on purpose: a mistyped reference answers 404 cases.not_found, not a validation error. */
export const caseReferenceParamsSchema = z.strictObject({ reference: singleLineText(1, 40) });

/** Free texts are clean text (docs/text-input.md): tabs and line breaks only where multi-line. */
export const caseTitleSchema = singleLineText(5, 200);
export const caseDescriptionSchema = multiLineText(10, 10_000);
/** A short free text: reasons, comments, messages. */
export const caseMessageSchema = multiLineText(1, 5_000);

/** A notice's place: coordinates (lat and lng together), a label, or both; never neither. */
export const caseLocationSchema = z
  .strictObject({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    label: singleLineText(1, 200).optional(),
  })
  .refine((place) => (place.lat === undefined) === (place.lng === undefined), {
    path: ['lng'],
    message: 'lat and lng go together',
  })
  .refine((place) => place.lat !== undefined || place.label !== undefined, {
    path: ['label'],
    message: 'a place without coordinates needs a label',
  })
  .meta({ id: 'CaseLocation' });
export type CaseLocation = z.infer<typeof caseLocationSchema>;

export const guestContactSchema = z
  .strictObject({ name: fullNameSchema, email: emailSchema.optional(), phone: phoneSchema.optional() })
  .refine((guest) => guest.email !== undefined || guest.phone !== undefined, 'an e-mail or a phone is required')
  .meta({ id: 'GuestContact' });

/** A notice reporter's identity, sealed on arrival; handlers read it only after consent. */
export const sealedIdentityInputSchema = z
  .strictObject({
    name: fullNameSchema,
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    details: singleLineText(1, 500).optional(),
  })
  .meta({ id: 'SealedIdentityInput' });

/**
 * The sealed identity as staff read it once the reporter consented: plain strings, already
 * normalised when it was sealed. An output schema of its own, because the input's e-mail
 * lower-cases with a transform, and a response cannot be encoded through a transform.
 */
export const revealedIdentitySchema = z
  .strictObject({
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    details: z.string().optional(),
  })
  .meta({ id: 'RevealedIdentity' });

export const MAX_CASE_ATTACHMENTS = 5;

/**
 * Filing. The submitter is the signed-in citizen, else a guest (`guest` with a contact), else an
 * anonymous reporter (`anonymous: true`, notices only, no contact; `sealedIdentity` optional).
 */
export const fileCaseRequestSchema = z
  .strictObject({
    type: requestTypeSchema,
    title: caseTitleSchema,
    description: caseDescriptionSchema,
    categoryId: z.uuid().nullable().optional(),
    governorate: governorateSchema.nullable().optional(),
    location: caseLocationSchema.nullable().optional(),
    language: languageSchema,
    publishConsent: z.boolean().default(false),
    /** The agency the citizen picks instead of routing. */
    unitId: z.uuid().optional(),
    guest: guestContactSchema.optional(),
    anonymous: z.boolean().default(false),
    sealedIdentity: sealedIdentityInputSchema.optional(),
    /** Files uploaded beforehand through the attachments API. */
    attachmentIds: z.array(z.uuid()).max(MAX_CASE_ATTACHMENTS).optional(),
  })
  .refine((input) => !input.location || input.type === 'notice', {
    path: ['location'],
    message: 'only a notice carries a location',
  })
  .refine((input) => !input.anonymous || input.type === 'notice', {
    path: ['anonymous'],
    message: 'only a notice may be anonymous',
  })
  .refine((input) => !(input.anonymous && input.guest), {
    path: ['guest'],
    message: 'an anonymous notice carries no contact',
  })
  .refine((input) => !input.sealedIdentity || input.anonymous, {
    path: ['sealedIdentity'],
    message: 'a sealed identity comes only with an anonymous notice',
  })
  .meta({ id: 'FileCaseRequest' });
export type FileCaseRequest = z.infer<typeof fileCaseRequestSchema>;

export const caseActorKindSchema = z.enum(['citizen', 'guest', 'staff', 'system']);

export const caseEventSchema = z
  .strictObject({
    id: z.uuid(),
    /** UPPER_SNAKE: CASE_SUBMITTED, CASE_ROUTED, INFO_REQUESTED, ANSWER_SENT... */
    type: z.string(),
    visibility: z.enum(['public', 'internal']),
    actorKind: caseActorKindSchema,
    /** Staff only: who acted. Citizens see the kind of actor, never a staff member's id. */
    actorId: z.uuid().nullable().optional(),
    data: z.record(z.string(), z.unknown()),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof caseEventSchema>;

const unitRefSchema = z.strictObject({
  id: z.uuid(),
  name: z.strictObject({ ar: z.string(), fr: z.string(), en: z.string() }),
});

const caseCommonShape = {
  id: z.uuid(),
  reference: z.string(),
  type: requestTypeSchema,
  state: caseStateSchema,
  title: z.string(),
  description: z.string(),
  categoryId: z.uuid().nullable(),
  governorate: governorateSchema.nullable(),
  location: caseLocationSchema.nullable(),
  language: languageSchema,
  publishConsent: z.boolean(),
  isAnonymous: z.boolean(),
  unit: unitRefSchema,
  createdAt: z.iso.datetime({ offset: true }),
  dueAt: z.iso.datetime({ offset: true }).nullable(),
  /** Set while the case waits for the citizen (the clock is paused). */
  pausedAt: z.iso.datetime({ offset: true }).nullable(),
  extensionsCount: z.number().int(),
  outcome: caseOutcomeSchema.nullable(),
  answerText: z.string().nullable(),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  ratingComment: z.string().nullable(),
  followUpUsed: z.boolean(),
  /** What this viewer may do now (drives the buttons). */
  allowedActions: z.array(caseActionSchema),
  timeline: z.array(caseEventSchema),
  /** The case's files (filed with it or added later), oldest first; download at /cases/{reference}/attachments/{id}. */
  attachments: z.array(attachmentSchema),
};

/** A case as its citizen (owner or access-code holder) sees it: public events only. */
export const citizenCaseSchema = z.strictObject(caseCommonShape).meta({ id: 'CitizenCase' });
export type CitizenCase = z.infer<typeof citizenCaseSchema>;

export const caseDraftSchema = z
  .strictObject({
    id: z.uuid(),
    outcome: caseOutcomeSchema,
    body: z.string(),
    status: z.enum(['draft', 'submitted', 'returned', 'approved']),
    authorId: z.uuid(),
    reviewerId: z.uuid().nullable(),
    reviewComment: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CaseDraft' });

export const caseContributorSchema = z
  .strictObject({
    unit: unitRefSchema,
    status: z.enum(['requested', 'contributed', 'withdrawn']),
    contribution: z.string().nullable(),
  })
  .meta({ id: 'CaseContributor' });

/** A case as staff see it: the full timeline, drafts, contact, lock and deadline details. */
export const staffCaseSchema = z
  .strictObject({
    ...caseCommonShape,
    isTriage: z.boolean(),
    submitter: z.strictObject({
      kind: z.enum(['citizen', 'guest', 'anonymous']),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    /** A notice reporter's sealed identity, present only once the reporter consented. */
    revealedIdentity: revealedIdentitySchema.nullable(),
    hasSealedIdentity: z.boolean(),
    assigneeId: z.uuid().nullable(),
    lock: z
      .strictObject({
        holderId: z.uuid(),
        /** The holder's display name, for "being handled by ..." on the page. */
        holderName: z.string().optional(),
        expiresAt: z.iso.datetime({ offset: true }),
      })
      .nullable(),
    /** The lock buttons this viewer has (the state machine's actions are in allowedActions). */
    lockActions: z.array(z.enum(['take', 'release', 'break_lock'])).optional(),
    acknowledgeDueAt: z.iso.datetime({ offset: true }).nullable(),
    duplicateOfCaseId: z.uuid().nullable(),
    rejectionReason: z.string().nullable(),
    drafts: z.array(caseDraftSchema),
    contributors: z.array(caseContributorSchema),
  })
  .meta({ id: 'StaffCase' });
export type StaffCase = z.infer<typeof staffCaseSchema>;

export const caseSummarySchema = z
  .strictObject({
    id: z.uuid(),
    reference: z.string(),
    type: requestTypeSchema,
    state: caseStateSchema,
    title: z.string(),
    categoryId: z.uuid().nullable(),
    governorate: governorateSchema.nullable(),
    unitId: z.uuid(),
    assigneeId: z.uuid().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export const caseListSchema = z
  .strictObject({ cases: z.array(caseSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CaseList' });

export const myCasesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(0, 200).optional(),
});

/** Back-office inbox filters (the unit inbox sorts by deadline). */
export const inboxQuerySchema = z.strictObject({
  unitId: z.uuid().optional(),
  type: requestTypeSchema.optional(),
  state: caseStateSchema.optional(),
  categoryId: z.uuid().optional(),
  governorate: governorateSchema.optional(),
  /** `me`, `none`, or a staff member's id. */
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  deadline: z.enum(['overdue', 'due_soon', 'paused']).optional(),
  /** Cases due before this instant (paused ones excluded). */
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['due_at', 'created_at']).default('due_at'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: singleLineText(0, 200).optional(),
});

export const fileCaseResponseSchema = z
  .strictObject({
    case: citizenCaseSchema,
    /** Guests and anonymous reporters only: shown once (and again on an idempotent replay within a day). */
    accessCode: z.string().nullable(),
  })
  .meta({ id: 'FileCaseResponse' });

// ---- Citizen actions ------------------------------------------------------------------------

export const replyInfoRequestSchema = z.strictObject({ message: caseMessageSchema }).meta({ id: 'ReplyInfoRequest' });
export const withdrawCaseRequestSchema = z
  .strictObject({ reason: caseMessageSchema.optional() })
  .meta({ id: 'WithdrawCaseRequest' });
export const rateCaseRequestSchema = z
  .strictObject({ rating: z.number().int().min(1).max(5), comment: caseMessageSchema.optional() })
  .meta({ id: 'RateCaseRequest' });
export const followUpRequestSchema = z.strictObject({ reason: caseMessageSchema }).meta({ id: 'FollowUpRequest' });
export const consentRequestSchema = z.strictObject({}).meta({ id: 'ConsentRequest' });
export const caseMessageRequestSchema = z.strictObject({ body: caseMessageSchema }).meta({ id: 'CaseMessageRequest' });
export const addDocumentRequestSchema = z
  .strictObject({ attachmentIds: z.array(z.uuid()).min(1).max(MAX_CASE_ATTACHMENTS) })
  .meta({ id: 'AddDocumentRequest' });

// ---- Back-office actions --------------------------------------------------------------------

export const assignCaseRequestSchema = z.strictObject({ assigneeId: z.uuid() }).meta({ id: 'AssignCaseRequest' });
export const transferCaseRequestSchema = z
  .strictObject({ unitId: z.uuid(), reason: caseMessageSchema })
  .meta({ id: 'TransferCaseRequest' });
export const requestInfoRequestSchema = z
  .strictObject({ question: caseMessageSchema })
  .meta({ id: 'RequestInfoRequest' });
export const addNoteRequestSchema = z.strictObject({ body: caseMessageSchema }).meta({ id: 'AddNoteRequest' });
export const linkDuplicateRequestSchema = z
  .strictObject({ duplicateOfReference: singleLineText(1, 40) })
  .meta({ id: 'LinkDuplicateRequest' });
export const addContributorRequestSchema = z.strictObject({ unitId: z.uuid() }).meta({ id: 'AddContributorRequest' });
export const extendDeadlineRequestSchema = z
  .strictObject({ reason: caseMessageSchema })
  .meta({ id: 'ExtendDeadlineRequest' });
export const draftAnswerRequestSchema = z
  .strictObject({ outcome: caseOutcomeSchema, body: multiLineText(1, 20_000) })
  .meta({ id: 'DraftAnswerRequest' });
export const reviewDraftRequestSchema = z
  .strictObject({ comment: caseMessageSchema.optional() })
  .meta({ id: 'ReviewDraftRequest' });
export const rejectCaseRequestSchema = z
  .strictObject({ reason: rejectionReasonSchema, explanation: caseMessageSchema })
  .meta({ id: 'RejectCaseRequest' });
export const closeCaseRequestSchema = z.strictObject({}).meta({ id: 'CloseCaseRequest' });
/** Who the assign dialog offers: active officers and supervisors whose role reaches the case's unit. */
export const caseAssigneeSchema = z.strictObject({ id: z.uuid(), name: z.string() }).meta({ id: 'CaseAssignee' });
export type CaseAssignee = z.infer<typeof caseAssigneeSchema>;
export const caseAssigneesSchema = z
  .strictObject({ assignees: z.array(caseAssigneeSchema) })
  .meta({ id: 'CaseAssignees' });
export const contributeRequestSchema = z
  .strictObject({ contribution: multiLineText(1, 20_000) })
  .meta({ id: 'ContributeRequest' });
export const breakLockRequestSchema = z
  .strictObject({ reason: caseMessageSchema.optional() })
  .meta({ id: 'BreakLockRequest' });
export const caseLockSchema = z
  .strictObject({
    holderId: z.uuid().nullable(),
    holderName: z.string().nullable(),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CaseLock' });
