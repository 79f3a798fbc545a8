import type { AppContext } from '../../../app-context.ts';
import { unseal } from '../cases.codes.ts';
import { createIdempotencyConflictError } from '../cases.errors.ts';
import { createCasesRepository } from '../cases.repository.ts';
import type { CaseRole } from '../cases.state-machine.ts';
import type { CaseRow } from '../cases.table.ts';
import { ACCESS_CODE_SEAL } from '../notifications/case-notifications.ts';
import type { FiledCase } from './file-case.ts';

/** How long an idempotent replay may show the access code again (a lost first answer). */
export const ACCESS_CODE_REPLAY_MS = 24 * 60 * 60 * 1000;

/**
 * The same Idempotency-Key from the same submitter: the first case, not a second one. A key
 * reused for a different request is refused. Within a day the replay shows the access code again
 * (a double click must not lose it); after that the sealed copy is erased.
 */
export async function replayFiling({
  ctx,
  theCase,
  fingerprint,
  now,
}: {
  ctx: AppContext;
  theCase: CaseRow;
  fingerprint: string;
  now: Date;
}): Promise<FiledCase> {
  if (theCase.requestFingerprint !== fingerprint) throw createIdempotencyConflictError();
  let accessCode: string | null = null;
  if (theCase.accessCodeSealed) {
    if (now.getTime() - theCase.createdAt.getTime() <= ACCESS_CODE_REPLAY_MS) {
      accessCode = unseal(ctx.config, ACCESS_CODE_SEAL, theCase.accessCodeSealed);
    } else {
      await createCasesRepository({ db: ctx.database.db }).clearSealedAccessCode(theCase.id);
    }
  }
  const roles = new Set<CaseRole>([theCase.citizenId ? 'owner' : 'holder']);
  return { theCase, roles, accessCode, created: false };
}
