import type { CaseAction } from '@epeople/contracts';
import { z } from 'zod';

const id = z.string();
/** Every transition's audit row names the case and the states it went between. */
const transition = { reference: z.string(), from: z.string(), to: z.string() };
const plain = z.strictObject(transition);
const withFields = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...transition, ...shape });

/**
 * The audit entries the cases module writes, each with the schema of its `data` (Documenso's
 * habit: one place says what an audit row of each type holds). `data` never holds personal data,
 * access codes or message bodies (docs/ARCHITECTURE.md, "Data flow of a change").
 */
export const CASE_AUDIT = {
  /** Written by the filing statement (filing/build-filing.ts). */
  'cases.filed': z.strictObject({
    reference: z.string(),
    type: z.string(),
    unitId: id,
    isTriage: z.boolean(),
    channel: z.enum(['citizen', 'guest', 'anonymous']),
  }),
  'cases.register': plain,
  'cases.assign': withFields({ assigneeId: id, previousAssigneeId: id.nullable() }),
  'cases.start': plain,
  'cases.transfer': withFields({ fromUnitId: id, toUnitId: id }),
  'cases.request_info': plain,
  'cases.add_note': plain,
  'cases.link_duplicate': withFields({ duplicateOfCaseId: id }),
  'cases.add_contributor': withFields({ unitId: id }),
  'cases.extend_deadline': withFields({ extension: z.number().int(), dueAt: z.string().nullable() }),
  'cases.save_draft': withFields({ draftId: id }),
  'cases.submit_draft': withFields({ draftId: id }),
  'cases.return_draft': withFields({ draftId: id }),
  'cases.approve_draft': withFields({ draftId: id }),
  'cases.answer': withFields({ draftId: id, outcome: z.string(), answerId: id }),
  'cases.reject': withFields({ reason: z.string() }),
  'cases.close': plain,
  'cases.contribute': withFields({ unitId: id }),
  'cases.reply_info': plain,
  'cases.add_document': plain,
  'cases.withdraw': plain,
  'cases.rate': withFields({ rating: z.number().int() }),
  'cases.request_follow_up': plain,
  'cases.consent_identity': plain,
  'cases.consent_extension': plain,
  'cases.send_message': plain,
  'cases.lock_broken': z.strictObject({ reference: z.string(), previousHolderId: id.nullable() }),
  'cases.deadline_warned': z.strictObject({ reference: z.string() }),
  'cases.deadline_escalated': z.strictObject({ reference: z.string() }),
  'cases.acknowledgement_overdue': z.strictObject({ reference: z.string() }),
  'cases.progress_notice_sent': z.strictObject({ reference: z.string() }),
  /** Written by the answers module's sign job, on the signed answer. */
  'answers.signed': z.strictObject({
    reference: z.string(),
    letterSha256: z.string(),
    certificateSha256: z.string(),
    isTest: z.boolean(),
  }),
} as const satisfies Record<`cases.${CaseAction}`, z.ZodType> & Record<string, z.ZodType>;

export type CaseAuditAction = keyof typeof CASE_AUDIT;
export type CaseAuditData<A extends CaseAuditAction> = z.input<(typeof CASE_AUDIT)[A]>;

/** The audit data as it will be stored, once checked against its action's schema (throws if it does not fit). */
export function checkedAuditData(action: CaseAuditAction, data: Record<string, unknown>): Record<string, unknown> {
  CASE_AUDIT[action].parse(data);
  return data;
}
