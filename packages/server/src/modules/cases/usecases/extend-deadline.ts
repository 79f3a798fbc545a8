import { loadDeadlineSettings, loadWorkingCalendar } from '../../calendar/index.ts';
import { extendedClockPatch } from '../case-handling.clock.ts';
import { createExtensionLimitError, createExtensionNeedsConsentError } from '../case-handling.errors.ts';
import { notifyCitizen } from '../case-handling.notify.ts';
import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** At most two extensions: the first with a reason, the second only with the citizen's consent. */
export const MAX_EXTENSIONS = 2;

/**
 * Extends the deadline by the case's own deadline again (the rule of its type and unit), with a
 * reason shown to the citizen (docs/PRODUCT.md §4.2). The second extension needs the citizen's consent
 * (`consent_extension` sets extension_consented_at); the consent is used up by that extension.
 */
export async function extendCaseDeadline(args: StaffActionArgs & { reason: string }) {
  const db = args.ctx.database.db;
  const [calendar, settings] = await Promise.all([
    loadWorkingCalendar({ db, config: args.ctx.config }),
    loadDeadlineSettings({ db }),
  ]);
  return performStaffAction({
    ...args,
    action: 'extend_deadline',
    decide: async ({ theCase, tx }) => {
      if (theCase.extensionsCount >= MAX_EXTENSIONS) throw createExtensionLimitError();
      if (theCase.extensionsCount >= 1 && !theCase.extensionConsentedAt) throw createExtensionNeedsConsentError();
      const rule = settings.ruleFor({ requestType: theCase.type, unitId: theCase.unitId });
      const clock = rule ? extendedClockPatch(calendar, theCase, rule.days) : {};
      const dueAt = clock.dueAt ?? theCase.dueAt;
      return {
        patch: {
          ...clock,
          extensionsCount: theCase.extensionsCount + 1,
          extensionConsentedAt: null,
          warnedAt: null,
          escalatedAt: null,
        },
        events: [{ type: 'DEADLINE_EXTENDED', data: { reason: args.reason, dueAt: dueAt?.toISOString() ?? null } }],
        notifications: await notifyCitizen({
          ctx: args.ctx,
          db: tx,
          theCase,
          template: 'case_deadline_extended',
          message: args.reason,
          dueAt,
        }),
        audit: { extension: theCase.extensionsCount + 1, dueAt: dueAt?.toISOString() ?? null },
      };
    },
  });
}
