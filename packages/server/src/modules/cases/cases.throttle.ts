/**
 * Wrong access codes are limited per client address: after `limit` failures in `windowMs`, every
 * tracking attempt with a code answers 429 until the window passes, whether the reference exists
 * or not. Codes carry 80 random bits, so this guards against noise more than against guessing.
 * Kept in memory per process: several nodes each allow `limit`, which is still far from enough.
 */
export function createFailureThrottle({
  limit,
  windowMs,
  now = () => Date.now(),
}: {
  limit: number;
  windowMs: number;
  now?: () => number;
}) {
  const failures = new Map<string, { count: number; resetAt: number }>();

  function entryOf(key: string) {
    const entry = failures.get(key);
    if (entry && entry.resetAt <= now()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }

  return {
    /** Seconds to wait, or null when the key may try. */
    retryAfterSeconds(key: string): number | null {
      const entry = entryOf(key);
      if (!entry || entry.count < limit) return null;
      return Math.max(1, Math.ceil((entry.resetAt - now()) / 1000));
    },

    recordFailure(key: string): void {
      const entry = entryOf(key);
      if (entry) {
        entry.count += 1;
        return;
      }
      // Bound the memory a flood of addresses can take: forget everything, it is only a brake.
      if (failures.size >= 100_000) failures.clear();
      failures.set(key, { count: 1, resetAt: now() + windowMs });
    },
  };
}
export type FailureThrottle = ReturnType<typeof createFailureThrottle>;

export const ACCESS_CODE_FAILURE_LIMIT = 10;
export const ACCESS_CODE_FAILURE_WINDOW_MS = 15 * 60 * 1000;
