import { describe, expect, it } from 'vitest';
import { createPhaseClock } from './startup-phases.ts';

describe('start-up phase clock', () => {
  it('records each phase in order with its duration and the RSS after it, and passes its result on', async () => {
    const clock = createPhaseClock();
    expect(await clock.time('first', () => 1)).toBe(1);
    expect(await clock.time('second', async () => 'two')).toBe('two');
    const phases = clock.phases();
    expect(phases.map((p) => p.phase)).toEqual(['first', 'second']);
    for (const p of phases) {
      expect(p.ms).toBeGreaterThanOrEqual(0);
      expect(p.rssMb).toBeGreaterThan(0);
    }
  });

  it('records a phase that failed and rethrows its error', async () => {
    const clock = createPhaseClock();
    await expect(clock.time('migrations', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(clock.phases().map((p) => p.phase)).toEqual(['migrations']);
  });
});
