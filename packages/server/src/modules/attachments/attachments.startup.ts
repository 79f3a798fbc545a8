import type { AppContext } from '../../app-context.ts';
import { attachmentStorageFor } from './attachments.storage.ts';
import { removeOrphanAttachments } from './attachments.usecases.ts';

const CLEAN_UP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Hourly removal of uploads never linked to a case within a day. Every node may run it: a row
 * is deleted only while still unlinked, and deleting a stored object twice is harmless.
 */
export async function attachmentsStartupHook(ctx: AppContext): Promise<() => Promise<void>> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => removeOrphanAttachments({ db: ctx.database.db, storage: attachmentStorageFor(ctx), now: ctx.now() }))
      .then((removed) => {
        if (removed > 0) ctx.logger.info({ removed }, 'removed unlinked attachments');
      })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'attachment clean-up failed'));
  }, CLEAN_UP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
