import type { NewCaseNotification } from '../cases.repository.ts';
import type { CaseRow } from '../cases.table.ts';

/**
 * In-app notifications for the case's handler. A case nobody holds yet shows in the unit inbox,
 * which is notification enough.
 */
export function staffRecipients(theCase: CaseRow, template: string): NewCaseNotification[] {
  if (!theCase.assigneeId) return [];
  return [
    {
      caseId: theCase.id,
      channel: 'in_app',
      recipient: theCase.assigneeId,
      language: theCase.language,
      template,
      data: { reference: theCase.reference },
    },
  ];
}
