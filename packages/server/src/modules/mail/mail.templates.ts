import type { Language } from '@epeople/contracts';
import { type CaseAcknowledgementParams, caseAcknowledgementTemplate } from './templates/case-acknowledgement.ts';
import {
  type CaseUpdateParams,
  caseAnswerAvailableTemplate,
  caseDeadlineExtendedTemplate,
  caseFollowUpReceivedTemplate,
  caseInfoRequestedTemplate,
  caseMessageReceivedTemplate,
  caseProgressTemplate,
  caseRejectedTemplate,
  caseTransferredTemplate,
} from './templates/case-handling.ts';
import { type MailTemplate, type RenderedMail, renderContent } from './templates/layout.ts';
import { type PasswordResetCodeParams, passwordResetCodeTemplate } from './templates/password-reset-code.ts';
import { type RegistrationAttemptParams, registrationAttemptTemplate } from './templates/registration-attempt.ts';
import { type StaffInvitationParams, staffInvitationTemplate } from './templates/staff-invitation.ts';
import { type VerificationCodeParams, verificationCodeTemplate } from './templates/verification-code.ts';

/** Every e-mail ePeople sends, by the name stored in outbound_emails.template. */
export const MAIL_TEMPLATES = {
  verification_code: verificationCodeTemplate,
  password_reset_code: passwordResetCodeTemplate,
  staff_invitation: staffInvitationTemplate,
  registration_attempt: registrationAttemptTemplate,
  case_info_requested: caseInfoRequestedTemplate,
  case_transferred: caseTransferredTemplate,
  case_deadline_extended: caseDeadlineExtendedTemplate,
  case_answer_available: caseAnswerAvailableTemplate,
  case_follow_up_received: caseFollowUpReceivedTemplate,
  case_rejected: caseRejectedTemplate,
  case_message_received: caseMessageReceivedTemplate,
  case_acknowledgement: caseAcknowledgementTemplate,
  case_progress: caseProgressTemplate,
} satisfies Record<string, MailTemplate<never>>;

export interface MailTemplateParams {
  verification_code: VerificationCodeParams;
  password_reset_code: PasswordResetCodeParams;
  staff_invitation: StaffInvitationParams;
  registration_attempt: RegistrationAttemptParams;
  case_info_requested: CaseUpdateParams;
  case_transferred: CaseUpdateParams;
  case_deadline_extended: CaseUpdateParams;
  case_answer_available: CaseUpdateParams;
  case_follow_up_received: CaseUpdateParams;
  case_rejected: CaseUpdateParams;
  case_message_received: CaseUpdateParams;
  case_acknowledgement: CaseAcknowledgementParams;
  case_progress: CaseUpdateParams;
}
export type MailTemplateName = keyof MailTemplateParams;

export function renderMail<Name extends MailTemplateName>(
  template: Name,
  language: Language,
  params: MailTemplateParams[Name],
): RenderedMail {
  const render = MAIL_TEMPLATES[template][language] as (
    params: MailTemplateParams[Name],
  ) => ReturnType<(typeof verificationCodeTemplate)['en']>;
  return renderContent(language, render(params));
}
