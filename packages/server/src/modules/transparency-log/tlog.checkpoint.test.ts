import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckpointError, formatCheckpoint, parseCheckpoint } from './tlog.checkpoint.ts';

const ROOT = Buffer.from('sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=', 'base64');

describe('C2SP tlog-checkpoint bodies', () => {
  it('writes origin, size and base64 root one a line, then the extension lines', () => {
    expect(formatCheckpoint({ origin: 'example.com/fancylog', size: 109482, root: ROOT, extensions: [] })).toBe(
      'example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n',
    );
    const withExtension = formatCheckpoint({ origin: 'o', size: 0, root: ROOT, extensions: ['ext one'] });
    expect(withExtension.endsWith('\next one\n')).toBe(true);
  });

  it('reads back what it writes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
        fc.nat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes('\n')),
          { maxLength: 3 },
        ),
        (origin, size, root, extensions) => {
          const parsed = parseCheckpoint(formatCheckpoint({ origin, size, root, extensions }));
          expect(parsed).toEqual({ origin, size, root: new Uint8Array(root), extensions });
        },
      ),
    );
  });

  it('refuses malformed bodies', () => {
    const good = 'example.com/log\n12\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n';
    expect(parseCheckpoint(good).size).toBe(12);
    for (const bad of [
      good.slice(0, -1),
      good.replace('12', '012'),
      good.replace('12', '-1'),
      good.replace('12', '1e3'),
      good.replace('example.com/log', ''),
      good.replace('sFod', 'sFo'),
      good.replace('=\n', '\n'),
      `${good}\n`,
      'example.com/log\n12\n',
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(CheckpointError);
    }
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, root: ROOT, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'a', size: 1, root: ROOT.subarray(1), extensions: [] })).toThrow();
  });
});
