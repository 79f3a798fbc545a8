import type { AppContext } from '../app-context.ts';
import { answersStartupHook } from './answers/index.ts';
import { attachmentsStartupHook } from './attachments/index.ts';
import { startAuditSealer } from './audit/index.ts';
import { seedHolidaysAtStart } from './calendar/index.ts';
import { startCaseNotifications, startDeadlineWork } from './cases/index.ts';
import { faqStartupHook } from './faq/index.ts';
import { startMailDelivery } from './mail/index.ts';
import { seedStartupHook } from './seed/index.ts';
import { startTransparencyLog } from './transparency-log/index.ts';

/**
 * Work each module does once the database is migrated and before the server listens: seed
 * reference data, start its job workers and timers. A hook may return a stop function that
 * runs on shutdown, in reverse order. Add a module's hook here with one line.
 */
export type StartupHook = (ctx: AppContext) => Promise<(() => Promise<void> | void) | undefined>;

export const STARTUP_HOOKS: ReadonlyArray<StartupHook> = [
  seedStartupHook,
  startAuditSealer,
  startTransparencyLog,
  startMailDelivery,
  seedHolidaysAtStart,
  startDeadlineWork,
  attachmentsStartupHook,
  startCaseNotifications,
  faqStartupHook,
  answersStartupHook,
];
