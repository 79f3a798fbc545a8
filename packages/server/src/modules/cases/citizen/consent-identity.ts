import { createIdentityAlreadyRevealedError, createNoSealedIdentityError } from '../cases.errors.ts';
import { staffRecipients } from '../handling/staff-recipients.ts';
import { type CaseActionArgs, performCaseAction } from './perform-case-action.ts';

/** An anonymous reporter lets the handlers read the identity sealed with the notice. */
export function consentToRevealIdentity(args: CaseActionArgs) {
  return performCaseAction({
    ...args,
    action: 'consent_identity',
    decide: ({ theCase, now }) => {
      if (!theCase.sealedIdentity) throw createNoSealedIdentityError();
      if (theCase.identityConsentAt) throw createIdentityAlreadyRevealedError();
      return {
        patch: { identityConsentAt: now },
        events: [{ type: 'IDENTITY_REVEAL_CONSENTED' }],
        notifications: staffRecipients(theCase, 'case_identity_revealed'),
      };
    },
  });
}
