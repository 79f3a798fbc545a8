import { linkAttachmentsToCase } from '../../attachments/index.ts';
import { createAttachmentNotFoundError } from '../cases.errors.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';
import { staffRecipients } from './staff-recipients.ts';

/** The citizen adds documents (uploaded beforehand through the attachments API) to a case. */
export function addCaseDocument(args: CaseActionArgs & { attachmentIds: readonly string[] }) {
  return performCaseAction({
    ...args,
    action: 'add_document',
    decide: async ({ theCase, tx, now }) => {
      const linked = await linkAttachmentsToCase({
        db: tx,
        actor: args.actor,
        attachmentIds: args.attachmentIds,
        caseId: theCase.id,
        now,
      });
      if (linked.length !== new Set(args.attachmentIds).size) throw createAttachmentNotFoundError();
      return {
        events: [{ type: 'DOCUMENT_ADDED', data: { attachmentIds: linked } }],
        notifications: staffRecipients(theCase, 'case_document_added'),
      };
    },
  });
}
