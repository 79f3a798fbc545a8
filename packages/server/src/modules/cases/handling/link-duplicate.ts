import { parseReference } from '../cases.codes.ts';
import { createCasesRepository } from '../cases.repository.ts';
import { createDuplicateTargetInvalidError } from './case-handling.errors.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/**
 * Links the case as a duplicate of an earlier one (by reference). Internal: the citizen learns
 * of it only if the case is then rejected as a duplicate, with an explanation.
 */
export function linkDuplicate(args: StaffActionArgs & { duplicateOfReference: string }) {
  return performStaffAction({
    ...args,
    action: 'link_duplicate',
    decide: async ({ theCase, tx }) => {
      const parsed = parseReference(args.duplicateOfReference);
      const earlier = parsed ? await createCasesRepository({ db: tx }).findByReference(parsed.reference) : undefined;
      // Never itself, nor a case already linked to this one (no cycles).
      if (!earlier || earlier.id === theCase.id || earlier.duplicateOfCaseId === theCase.id) {
        throw createDuplicateTargetInvalidError();
      }
      return {
        patch: { duplicateOfCaseId: earlier.id },
        events: [
          {
            type: 'DUPLICATE_LINKED',
            data: { duplicateOfCaseId: earlier.id, duplicateOfReference: earlier.reference },
          },
        ],
        audit: { duplicateOfCaseId: earlier.id },
      };
    },
  });
}
