import { createNoExtensionToConsentError } from '../cases.errors.ts';
import { isExtensionAwaitingConsent } from '../cases.policies.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';
import { staffRecipients } from './staff-recipients.ts';

/**
 * The citizen agrees that the agency may extend the deadline a second time (docs/PRODUCT.md §4.2). The
 * consent waits on the case until the supervisor's second extension uses it up.
 */
export function consentToExtension(args: CaseActionArgs) {
  return performCaseAction({
    ...args,
    action: 'consent_extension',
    decide: ({ theCase, now }) => {
      if (!isExtensionAwaitingConsent(theCase)) throw createNoExtensionToConsentError();
      return {
        patch: { extensionConsentedAt: now },
        events: [{ type: 'EXTENSION_CONSENTED' }],
        notifications: staffRecipients(theCase, 'case_extension_consented'),
      };
    },
  });
}
