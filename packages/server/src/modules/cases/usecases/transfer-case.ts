import { loadDeadlineSettings, loadWorkingCalendar, restartCaseClock } from '../../calendar/index.ts';
import { CENTRAL_OFFICE_CODE } from '../../units/index.ts';
import { createTransferTargetInvalidError } from '../case-handling.errors.ts';
import { notifyCitizen, supervisorsOf } from '../case-handling.notify.ts';
import { createCaseHandlingRepository } from '../case-handling.repository.ts';
import { clockPatch } from '../cases.clock.ts';
import { performStaffAction, type StaffActionArgs, staffNotifications } from './perform-staff-action.ts';

/**
 * Transfers the case to the competent unit with a reason the citizen sees. The receiving unit
 * triages it again (registered, no assignee) and gets its whole time: the clock restarts under
 * the receiving unit's rule (docs/PRODUCT.md §4.2). Its supervisors are told in-app, the citizen by mail.
 */
export async function transferCase(args: StaffActionArgs & { unitId: string; reason: string }) {
  const db = args.ctx.database.db;
  const [calendar, settings] = await Promise.all([
    loadWorkingCalendar({ db, config: args.ctx.config }),
    loadDeadlineSettings({ db }),
  ]);
  return performStaffAction({
    ...args,
    action: 'transfer',
    decide: async ({ theCase, actor, tx, now }) => {
      const target = await createCaseHandlingRepository({ db: tx }).findUnit(args.unitId);
      if (!target?.isActive || target.id === theCase.unitId) throw createTransferTargetInvalidError();
      const clock = restartCaseClock({ calendar, settings, requestType: theCase.type, unitId: target.id, at: now });
      const receivers = await supervisorsOf(tx, target.id);
      return {
        patch: {
          unitId: target.id,
          isTriage: target.code === CENTRAL_OFFICE_CODE,
          assigneeId: null,
          ...clockPatch(clock),
          warnedAt: null,
          escalatedAt: null,
        },
        events: [
          { type: 'CASE_TRANSFERRED', data: { fromUnitId: theCase.unitId, toUnitId: target.id, reason: args.reason } },
        ],
        notifications: [
          ...(await notifyCitizen({
            ctx: args.ctx,
            db: tx,
            theCase,
            template: 'case_transferred',
            message: args.reason,
          })),
          ...staffNotifications(
            theCase,
            receivers,
            'case_transferred_in',
            { fromUnitId: theCase.unitId },
            actor.userId,
          ),
        ],
        audit: { fromUnitId: theCase.unitId, toUnitId: target.id },
      };
    },
  });
}
