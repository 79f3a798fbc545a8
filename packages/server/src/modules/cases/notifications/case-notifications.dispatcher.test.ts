import { describe, expect, it, vi } from 'vitest';
import { createNotificationDispatcher } from './case-notifications.dispatcher.ts';

/** A send that waits until the test lets it finish, so batches can be watched forming. */
function gatedSend() {
  const sent: string[][] = [];
  const gates: Array<PromiseWithResolvers<void>> = [];
  const send = async (ids: string[]) => {
    sent.push([...ids]);
    const gate = Promise.withResolvers<void>();
    gates.push(gate);
    await gate.promise;
  };
  const settle = (index: number, error?: Error) => (error ? gates[index]?.reject(error) : gates[index]?.resolve());
  return { sent, send, settle };
}

describe('the case notification dispatcher', () => {
  it('sends at once when idle, and gathers what arrives during a send into the next one', async () => {
    const { sent, send, settle } = gatedSend();
    const dispatcher = createNotificationDispatcher(send);
    const first = dispatcher.dispatch(['a']);
    expect(sent).toEqual([['a']]);
    const second = dispatcher.dispatch(['b']);
    const third = dispatcher.dispatch(['c', 'd']);
    expect(sent).toHaveLength(1);

    let secondQueued = false;
    void second.then(() => {
      secondQueued = true;
    });
    settle(0);
    await first;
    await Promise.resolve();
    expect(sent).toEqual([['a'], ['b', 'c', 'd']]);
    expect(secondQueued).toBe(false);
    settle(1);
    await Promise.all([second, third]);
    await expect(dispatcher.dispatch([])).resolves.toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it('fails the callers of a batch whose send failed, and goes on with the next batch', async () => {
    const { sent, send, settle } = gatedSend();
    const dispatcher = createNotificationDispatcher(send);
    const first = dispatcher.dispatch(['a']);
    const second = dispatcher.dispatch(['b']);
    settle(0, new Error('queue down'));
    await expect(first).rejects.toThrow('queue down');
    await Promise.resolve();
    expect(sent).toEqual([['a'], ['b']]);
    settle(1);
    await expect(second).resolves.toBeUndefined();
  });

  it('never puts more than maxBatch rows in one job', async () => {
    const sent: string[][] = [];
    const dispatcher = createNotificationDispatcher(
      async (ids) => {
        sent.push(ids);
      },
      { maxBatch: 3 },
    );
    await Promise.all([
      dispatcher.dispatch(['1', '2', '3', '4', '5', '6', '7']),
      dispatcher.dispatch(['8', '9']),
      dispatcher.dispatch(['10']),
    ]);
    expect(sent.every((batch) => batch.length <= 3)).toBe(true);
    expect(sent.flat().sort()).toEqual(['1', '10', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('with a linger, gathers rows given within it into one job, and is idle once they are sent', async () => {
    // Fake timers: the linger is measured on them, so a slow machine cannot split the batch.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const sent: string[][] = [];
      const dispatcher = createNotificationDispatcher(
        async (ids) => {
          sent.push(ids);
        },
        { lingerMs: 30 },
      );
      void dispatcher.dispatch(['a']);
      await vi.advanceTimersByTimeAsync(20);
      void dispatcher.dispatch(['b']);
      expect(sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(10);
      expect(sent).toEqual([['a', 'b']]);
      // A row given after that send opens the next batch, which lingers too.
      void dispatcher.dispatch(['c']);
      await vi.advanceTimersByTimeAsync(29);
      void dispatcher.dispatch(['d']);
      expect(sent).toEqual([['a', 'b']]);
      await vi.advanceTimersByTimeAsync(1);
      await dispatcher.idle();
      expect(sent).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
