import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { whileRenewingClaims } from './claim-lease.ts';

const logger = pino({ level: 'silent' });

describe('claims held while a worker works (docs/delivery-guarantees.md)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are renewed every third of their lease while the work runs, and no more once it ends', async () => {
    vi.useFakeTimers();
    const renew = vi.fn(async () => {});
    let finish: () => void = () => {};
    const working = whileRenewingClaims(
      { leaseSeconds: 3, renew, logger },
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    await vi.advanceTimersByTimeAsync(3_500);
    expect(renew).toHaveBeenCalledTimes(3);
    finish();
    await working;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledTimes(3);
  });

  it('a renewal that fails is tried again at the next tick, and the work goes on', async () => {
    vi.useFakeTimers();
    const renew = vi.fn().mockRejectedValueOnce(new Error('database busy')).mockResolvedValue(undefined);
    let finish: (value: string) => void = () => {};
    const working = whileRenewingClaims(
      { leaseSeconds: 3, renew, logger },
      () =>
        new Promise<string>((resolve) => {
          finish = resolve;
        }),
    );
    await vi.advanceTimersByTimeAsync(2_100);
    expect(renew).toHaveBeenCalledTimes(2);
    finish('done');
    await expect(working).resolves.toBe('done');
  });
});
