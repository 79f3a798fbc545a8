import type { AppContext } from '../../app-context.ts';
import { attachmentStorageFor } from './attachments.storage.ts';
import { removeOrphanAttachments } from './attachments.usecases.ts';

/**
 * Removal of uploads never linked to a case in time: a day for those made from an account,
 * UNAUTHENTICATED_UPLOAD_TTL_MINUTES for the others, checked four times within that (at most
 * hourly), so an upload without an account lives at most a quarter longer. Every node may run
 * it: a row is deleted only while still unlinked, and deleting a stored object twice is harmless.
 */
export async function attachmentsStartupHook(ctx: AppContext): Promise<() => Promise<void>> {
  const withoutAccountMaxAgeMs = ctx.config.UNAUTHENTICATED_UPLOAD_TTL_MINUTES * 60_000;
  const interval = Math.min(60 * 60_000, withoutAccountMaxAgeMs / 4);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() =>
        removeOrphanAttachments({
          db: ctx.database.db,
          storage: attachmentStorageFor(ctx),
          now: ctx.now(),
          withoutAccountMaxAgeMs,
        }),
      )
      .then((removed) => {
        if (removed > 0) ctx.logger.info({ removed }, 'removed unlinked attachments');
      })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'attachment clean-up failed'));
  }, interval);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
