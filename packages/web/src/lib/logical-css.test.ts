import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Arabic is right-to-left: the same page must mirror by itself. Physical directions (left,
 * right) in CSS, inline styles or Mantine's physical shorthand props break that, so they are
 * refused here; use inline-start/end (margin-inline-start, ms/me/ps/pe, text-align: start).
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\b(margin|padding|border)-(left|right)\b/, 'physical margin/padding/border side'],
  [/\b(margin|padding|border)(Left|Right)\b/, 'physical margin/padding/border side (style object)'],
  [/\bborder-(top|bottom)-(left|right)-radius\b/, 'physical corner radius'],
  [/(^|[\s{;,'"])(left|right)\s*:/, 'left:/right: offset'],
  [/text-align\s*:\s*(left|right)\b/, 'text-align: left/right'],
  [/textAlign\s*:\s*['"](left|right)['"]/, 'textAlign left/right'],
  [/\bfloat\s*:\s*['"]?(left|right)\b/, 'float left/right'],
  [/\bclear\s*:\s*['"]?(left|right)\b/, 'clear left/right'],
  [/\s(ml|mr|pl|pr)=\{?["'\d]/, 'Mantine physical spacing prop (use ms/me/ps/pe)'],
  [/\sta=["'](left|right)["']/, 'Mantine ta="left/right" (use start/end)'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(css|tsx|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('logical CSS only', () => {
  const root = join(import.meta.dirname, '..');

  it('no web source uses a physical left/right property', () => {
    const offences: string[] = [];
    for (const file of files(root)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const [pattern, why] of FORBIDDEN) {
            if (pattern.test(line)) offences.push(`${relative(root, file)}:${index + 1} ${why}: ${line.trim()}`);
          }
        });
    }
    expect(offences).toEqual([]);
  });

  it('the check itself catches each kind of physical property', () => {
    const samples = [
      '.a { margin-left: 1rem; }',
      'style={{ paddingRight: 4 }}',
      '  left: 0;',
      '.b { text-align: right; }',
      "style={{ textAlign: 'left' }}",
      '.c { float: left }',
      '<Box ml="md">',
      '<Text ta="right">',
      '.d { border-right: 1px solid; }',
    ];
    for (const sample of samples) {
      expect(
        FORBIDDEN.some(([pattern]) => pattern.test(sample)),
        sample,
      ).toBe(true);
    }
    expect(
      FORBIDDEN.some(([pattern]) => pattern.test('.e { margin-inline-start: 1rem; inset-inline-start: 0; }')),
    ).toBe(false);
  });
});
