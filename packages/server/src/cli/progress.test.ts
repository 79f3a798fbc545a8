import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleProgress } from './progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe('CLI progress', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('draws a bar in place on a terminal, ending at 100% with a newline', () => {
    const { stream, written } = fakeStream(true);
    const step = consoleProgress(stream).step('database', 4 * 1024 * 1024, 'bytes');
    step.advance(1024 * 1024);
    step.advance(3 * 1024 * 1024);
    step.done();
    expect(written[0]).toMatch(/^\rdatabase +\[#{8}-{22}\] +25% 1\.0 MB$/);
    expect(written.at(-2)).toMatch(/^\rdatabase +\[#{30}\] 100% 4\.0 MB$/);
    expect(written.at(-1)).toBe('\n');
  });

  it('prints one plain line per finished step elsewhere (logs and pipes get no control characters)', () => {
    const { stream, written } = fakeStream(false);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const step = consoleProgress(stream).step('attachments', 3, 'files');
    step.advance(1);
    step.advance(2);
    step.done();
    expect(written).toEqual([]);
    expect(log.mock.calls).toEqual([['attachments: 3 files']]);
  });
});
