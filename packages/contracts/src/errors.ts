import { z } from 'zod';

/**
 * The registry of every stable error code ePeople answers with, and its HTTP status.
 * Codes never change meaning once published: clients (and the web page's translations,
 * `errors.<code>` in i18n/{ar,fr,en}) depend on them. Add, never rename.
 */
export const ERROR_CODES = {
  // Protocol-level problems, answered by the server's error handler for any route.
  'common.validation_failed': 400,
  'common.malformed_json': 400,
  'common.payload_too_large': 413,
  'common.uri_too_long': 414,
  'common.unsupported_media_type': 415,
  'common.route_not_found': 404,
  'common.method_not_allowed': 405,
  'common.rate_limited': 429,
  'common.unauthenticated': 401,
  'common.forbidden': 403,
  'common.csrf_invalid': 403,
  'common.not_found': 404,
  'common.conflict': 409,
  'common.internal': 500,
  'common.unavailable': 503,
  /** The node is beyond its bound of work in progress: retry after Retry-After (docs/operations.md). */
  'common.overloaded': 503,
  // Free text with a character the clean-text rule refuses (NUL, controls, bidi overrides; docs/text-input.md).
  'text.forbidden_character': 400,

  // Accounts, sessions, second factor.
  'accounts.invalid_credentials': 401,
  'accounts.account_locked': 423,
  'accounts.email_not_verified': 403,
  'accounts.invalid_code': 400,
  'accounts.too_many_attempts': 429,
  'accounts.password_too_short': 400,
  'accounts.password_too_common': 400,
  'accounts.wrong_password': 400,
  'accounts.second_factor_required': 401,
  'accounts.second_factor_invalid': 401,
  'accounts.second_factor_enrolment_required': 403,
  'accounts.second_factor_already_enrolled': 409,
  'accounts.staff_cannot_self_delete': 403,
  'accounts.notification_channel_required': 400,
  'accounts.sms_needs_phone': 400,

  // Contacts ePeople writes to (docs/notifications.md): SMS only to numbers of the configured countries.
  'contact.phone_country_not_allowed': 400,

  // Agencies: units, staff and their roles.
  'units.not_found': 404,
  'units.code_taken': 409,
  'units.parent_cycle': 400,
  'units.parent_not_found': 400,
  'staff.not_found': 404,
  'staff.email_taken': 409,
  'staff.role_assignment_not_found': 404,
  'staff.role_assignment_exists': 409,
  'staff.cannot_remove_own_admin_role': 400,
  'staff.cannot_deactivate_self': 400,
  'staff.cannot_grant_self': 403,
  'staff.unit_not_found': 400,

  // Categories and routing.
  'categories.not_found': 404,
  'categories.code_taken': 409,
  'categories.parent_cycle': 400,
  'categories.parent_not_found': 400,
  'routing.rule_not_found': 404,
  'routing.rule_exists': 409,
  'routing.unit_not_found': 400,
  'routing.category_not_found': 400,
  'routing.rule_beyond_reach': 403,

  // Calendar: holidays and deadline settings.
  'calendar.holiday_not_found': 404,
  'calendar.holiday_exists': 409,
  'calendar.holiday_outside_year': 400,
  'calendar.deadline_setting_not_found': 404,
  'calendar.milestone_not_applicable': 400,
  'calendar.unit_not_found': 400,

  // Cases: filing, tracking and the state machine.
  'cases.not_found': 404,
  'cases.invalid_transition': 409,
  'cases.action_not_allowed': 403,
  'cases.contact_required': 400,
  'cases.invalid_idempotency_key': 400,
  'cases.idempotency_conflict': 422,
  'cases.unit_not_found': 400,
  'cases.category_not_found': 400,
  'cases.attachment_not_found': 400,
  'cases.attachment_not_anonymous': 400,
  'cases.already_rated': 409,
  'cases.follow_up_used': 409,
  'cases.follow_up_expired': 409,
  'cases.no_sealed_identity': 409,
  'cases.identity_already_revealed': 409,
  'cases.messages_not_available': 409,
  'cases.locked': 423,
  'cases.outcome_not_for_type': 400,
  'cases.assignee_not_eligible': 400,
  'cases.extension_needs_consent': 409,
  'cases.own_draft_review': 403,
  'cases.no_draft': 409,
  'cases.duplicate_target_invalid': 400,
  'cases.contributor_exists': 409,
  'cases.transfer_target_invalid': 400,
  'cases.not_contributor': 403,
  'cases.extension_limit': 409,
  'cases.no_extension_to_consent': 409,
  'answer_templates.not_found': 404,
  'answer_templates.unit_not_found': 400,

  // Attachments (uploaded before filing, linked to a case by the filing) and the FAQ.
  'attachments.no_files': 400,
  'attachments.too_large': 413,
  'attachments.too_many': 400,
  'attachments.type_not_allowed': 415,
  'attachments.not_found': 404,
  // Uploads for an anonymous notice (docs/threat-model-anonymous-notice.md) and the bounds on
  // uploads without an account (per address, in total) and on the disk that keeps them.
  'attachments.type_not_allowed_anonymous': 415,
  'attachments.unreadable': 422,
  'attachments.address_quota_exceeded': 429,
  'attachments.capacity_reached': 503,
  'attachments.storage_full': 507,
  'faq.not_found': 404,
  'faq.unit_not_found': 400,
  'faq.category_not_found': 400,

  // The public transparency log.
  'transparency_log.proof_out_of_range': 400,
  'transparency_log.tile_not_found': 404,
  'transparency_log.tile_path_invalid': 400,

  // Signed answers and the public verifier.
  'answers.not_found': 404,
  'answers.not_signed_yet': 409,
  'answers.receipt_not_ready': 409,
  'verify.document_too_large': 413,
  'verify.not_a_pdf': 415,
  // The verifier's bounds on untrusted PDFs (docs/pdf-verification.md): beyond its limits or
  // its time budget, and all of its threads busy with a full queue (with Retry-After).
  'verify.document_too_complex': 422,
  'verify.busy': 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);

/** RFC 9457 problem details, as every error response of ePeople carries them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string(),
    /** For validation failures: which field and why, in English (the web translates the code). */
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** For rate limits and lockouts: seconds until a new attempt may succeed. */
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemTypeFor = (code: string): string => `urn:epeople:problem:${code}`;
