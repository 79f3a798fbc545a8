import type { Config } from '../../../config.ts';

/**
 * A fixed-window failure counter per key, kept in this process's memory: after `limit` failures
 * in `windowMs`, the key waits until its window passes.
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

    /** Takes back one failure recorded in advance for an attempt that turned out not to be one. */
    forgiveFailure(key: string): void {
      const entry = entryOf(key);
      if (entry && entry.count > 0) entry.count -= 1;
    },
  };
}
export type FailureThrottle = ReturnType<typeof createFailureThrottle>;

/** Wrong access codes for one case from one address, per window. */
export const ACCESS_CODE_FAILURES_PER_CASE = 10;
/** Wrong access codes from one address across all cases, per window: a spray over references. */
export const ACCESS_CODE_FAILURES_PER_ADDRESS = 100;
export const ACCESS_CODE_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Wrong access codes (docs/access-control.md): counted per (client address, reference), so a
 * mistyped code for one case never locks out the right code for another case, or another
 * person's, behind the same address (a school, a mobile operator's NAT); and per address over
 * all references, with a higher ceiling, so a spray across references from one address is still
 * stopped. A throttled caller gets 429 whatever the code, right or wrong.
 *
 * Kept in each process's memory, unlike the per-account counters of 6-digit codes and passwords
 * (accounts/accounts.attempts.ts): an access code carries 80 random bits, so even N nodes each
 * allowing these limits leave guessing hopeless, and tracking with a code is the hot path
 * (docs/ARCHITECTURE.md) where a database write per look-up would cost more than it protects.
 */
export function createAccessCodeThrottle(now: () => number = () => Date.now()) {
  const perCase = createFailureThrottle({
    limit: ACCESS_CODE_FAILURES_PER_CASE,
    windowMs: ACCESS_CODE_FAILURE_WINDOW_MS,
    now,
  });
  const perAddress = createFailureThrottle({
    limit: ACCESS_CODE_FAILURES_PER_ADDRESS,
    windowMs: ACCESS_CODE_FAILURE_WINDOW_MS,
    now,
  });
  const caseKey = (client: string, reference: string) => `${client}\u0000${reference}`;
  return {
    /** Seconds to wait, or null when this address may try a code for this reference. */
    retryAfterSeconds(client: string, reference: string): number | null {
      const waits = [perCase.retryAfterSeconds(caseKey(client, reference)), perAddress.retryAfterSeconds(client)];
      const longest = Math.max(...waits.map((wait) => wait ?? 0));
      return longest > 0 ? longest : null;
    },
    /**
     * Counts an attempt as a failure from the moment it starts, and `succeeded()` takes it back.
     * Counting only once a wrong code was found let every attempt already in flight through: 200
     * wrong codes sent at once all passed the check before the first failure was counted, and
     * each one cost a look-up in the database (issue 8). Counted in advance, at most `limit`
     * attempts per key are ever in flight, and the rest are refused 429 before any work.
     */
    beginAttempt(client: string, reference: string): { succeeded(): void } {
      perCase.recordFailure(caseKey(client, reference));
      perAddress.recordFailure(client);
      let isSettled = false;
      return {
        succeeded() {
          if (isSettled) return;
          isSettled = true;
          perCase.forgiveFailure(caseKey(client, reference));
          perAddress.forgiveFailure(client);
        },
      };
    },
  };
}
export type AccessCodeThrottle = ReturnType<typeof createAccessCodeThrottle>;

/**
 * The throttle of one running application, found by its configuration object (one per process;
 * one per test context, so tests never share counts).
 */
const throttles = new WeakMap<Config, AccessCodeThrottle>();
export function accessCodeThrottleOf(config: Config): AccessCodeThrottle {
  let throttle = throttles.get(config);
  if (!throttle) {
    throttle = createAccessCodeThrottle();
    throttles.set(config, throttle);
  }
  return throttle;
}
