import type { AppContext } from '../../../app-context.ts';
import type { Database } from '../../../db/client.ts';
import type { MailTemplateName } from '../../mail/index.ts';
import { createCasesRepository, type NewCaseNotification } from '../cases.repository.ts';
import type { CaseRow } from '../cases.table.ts';
import { citizenRecipients } from '../notifications/case-notifications.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';

/** An e-mail (or SMS) to the citizen about the case, in the case's language; none for an anonymous notice. */
export function notifyCitizen({
  ctx,
  db,
  theCase,
  template,
  message,
  dueAt,
}: {
  ctx: AppContext;
  db: Database;
  theCase: CaseRow;
  template: MailTemplateName;
  message?: string | undefined;
  dueAt?: Date | null | undefined;
}): Promise<NewCaseNotification[]> {
  return citizenRecipients({
    db,
    theCase,
    template,
    data: {
      reference: theCase.reference,
      title: theCase.title,
      trackUrl: new URL(`/track/${theCase.reference}`, ctx.config.PUBLIC_URL).toString(),
      ...(message ? { message } : {}),
      ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
    },
  });
}

/** The supervisors of a unit (by reach): who reviews drafts and receives transfers. */
export async function supervisorsOf(db: Database, unitId: string): Promise<string[]> {
  const path = await createCasesRepository({ db }).unitPath(unitId);
  return createCaseHandlingRepository({ db }).staffReaching('supervisor', path);
}
