import type { CaseAssignee } from '@epeople/contracts';
import { requireStaff } from '../../accounts/index.ts';
import { createActionNotAllowedError, createCaseNotFoundError } from '../cases.errors.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { type CaseRole, TRANSITIONS } from '../cases.state-machine.ts';
import { staffRolesOn } from './case-handling.policies.ts';
import { createCaseHandlingRepository } from './case-handling.repository.ts';
import type { StaffActionArgs } from './perform-staff-action.ts';

/** Who may assign: the roles of the state machine's `assign` rules (supervisor, central office). */
const ASSIGNER_ROLES: ReadonlySet<CaseRole> = new Set(TRANSITIONS.assign.flatMap((rule) => rule.by));

/**
 * The people the assign dialog offers: active staff holding the officer or supervisor role over
 * the case's unit (the same rule assignCase checks), names and ids only. For those who may
 * assign the case; other staff within reach are refused, staff outside it told it does not exist.
 */
export async function listAssignableStaff(args: StaffActionArgs): Promise<{ assignees: CaseAssignee[] }> {
  const { ctx, actor, caseId } = args;
  requireStaff(actor);
  const db = ctx.database.db;
  const cases = createCasesRepository({ db });
  const theCase = await cases.findById(caseId);
  if (!theCase) throw createCaseNotFoundError();
  const roles = await staffRolesOn(db, actor, theCase);
  if (roles.size === 0) throw createCaseNotFoundError();
  if (![...roles].some((role) => ASSIGNER_ROLES.has(role))) throw createActionNotAllowedError();
  const path = await cases.unitPath(theCase.unitId);
  return { assignees: await createCaseHandlingRepository({ db }).assignableStaff(path) };
}
