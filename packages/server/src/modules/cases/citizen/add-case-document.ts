import { linkAttachmentsToCase, listUploadsNotForAnonymousNotice } from '../../attachments/index.ts';
import { createAttachmentNotAnonymousError, createAttachmentNotFoundError } from '../cases.errors.ts';
import { staffRecipients } from '../handling/staff-recipients.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/**
 * The citizen adds documents (uploaded beforehand through the attachments API) to a case. An
 * anonymous notice takes only files uploaded for one (docs/threat-model-anonymous-notice.md).
 */
export function addCaseDocument(args: CaseActionArgs & { attachmentIds: readonly string[] }) {
  return performCaseAction({
    ...args,
    action: 'add_document',
    decide: async ({ theCase, tx, now }) => {
      if (theCase.isAnonymous) {
        const refused = await listUploadsNotForAnonymousNotice({ db: tx, attachmentIds: args.attachmentIds });
        if (refused.length > 0) throw createAttachmentNotAnonymousError();
      }
      const linked = await linkAttachmentsToCase({
        db: tx,
        actor: args.actor,
        attachmentIds: args.attachmentIds,
        caseId: theCase.id,
        now,
        anonymousNotice: theCase.isAnonymous,
      });
      if (linked.length !== new Set(args.attachmentIds).size) throw createAttachmentNotFoundError();
      return {
        events: [{ type: 'DOCUMENT_ADDED', data: { attachmentIds: linked } }],
        notifications: staffRecipients(theCase, 'case_document_added'),
      };
    },
  });
}
