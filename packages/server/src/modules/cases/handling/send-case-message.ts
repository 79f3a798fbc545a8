import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import { createMessagesNotAvailableError } from '../cases.errors.ts';
import { isCitizenView } from '../cases.policies.ts';
import type { CaseRow } from '../cases.table.ts';
import { type CaseActionArgs, performCaseAction } from '../citizen/perform-case-action.ts';
import { notifyCitizen } from './case-handling.notify.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';
import { staffRecipients } from './staff-recipients.ts';

/**
 * A message in a notice's thread: the only way to talk with an anonymous reporter, who has no
 * contact. Citizen and handler both write here; every message is on the public timeline. A
 * reporter who left a contact is told by e-mail (or SMS) that a handler wrote, without the text.
 */
export function sendCaseMessage(args: CaseActionArgs & { body: string }) {
  return performCaseAction({
    ...args,
    action: 'send_message',
    decide: async ({ theCase, roles, tx }) => {
      if (isCitizenView(roles)) {
        if (theCase.type !== 'notice') throw createMessagesNotAvailableError();
        return {
          events: [{ type: 'MESSAGE_POSTED', data: { body: args.body, from: 'citizen' as const } }],
          notifications: staffRecipients(theCase, 'case_message_posted'),
        };
      }
      return staffMessageEffects(args.ctx, tx, theCase, args.body);
    },
  });
}

/** The back office's side of the thread: POST /inbox/cases/{id}/messages. */
export function sendStaffMessage(args: StaffActionArgs & { body: string }) {
  return performStaffAction({
    ...args,
    action: 'send_message',
    decide: ({ theCase, tx }) => staffMessageEffects(args.ctx, tx, theCase, args.body),
  });
}

async function staffMessageEffects(ctx: AppContext, tx: Database, theCase: CaseRow, body: string) {
  if (theCase.type !== 'notice') throw createMessagesNotAvailableError();
  return {
    events: [{ type: 'MESSAGE_POSTED' as const, data: { body, from: 'staff' as const } }],
    notifications: await notifyCitizen({ ctx, db: tx, theCase, template: 'case_message_received' }),
  };
}
