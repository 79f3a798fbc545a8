import { createMessagesNotAvailableError } from '../cases.errors.ts';
import { isCitizenView } from '../cases.policies.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';
import { staffRecipients } from './staff-recipients.ts';

/**
 * A message in a notice's thread: the only way to talk with an anonymous reporter, who has no
 * contact. Citizen and handler both write here; every message is on the public timeline.
 */
export function sendCaseMessage(args: CaseActionArgs & { body: string }) {
  return performCaseAction({
    ...args,
    action: 'send_message',
    decide: ({ theCase, roles }) => {
      if (theCase.type !== 'notice') throw createMessagesNotAvailableError();
      const fromCitizen = isCitizenView(roles);
      return {
        events: [{ type: 'MESSAGE_POSTED', data: { body: args.body, from: fromCitizen ? 'citizen' : 'staff' } }],
        notifications: fromCitizen ? staffRecipients(theCase, 'case_message_posted') : [],
      };
    },
  });
}
