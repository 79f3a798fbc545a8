import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs `work` while renewing the claims it holds every third of their lease, so they run out
 * only when the process holding them has died (or is stalled for two renewals in a row): then
 * another node's sweep takes the rows back (docs/delivery-guarantees.md). A renewal that fails
 * is logged and tried again at the next tick; the work goes on either way.
 */
export async function whileRenewingClaims<T>(
  { leaseSeconds, renew, logger }: { leaseSeconds: number; renew: () => Promise<void>; logger: FastifyBaseLogger },
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(
    () => {
      renew().catch((error: unknown) => logger.warn({ err: error }, 'delivery claims not renewed'));
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
