import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@epeople/contracts';
import { describe, expect, it } from 'vitest';
import { TRANSLATIONS } from './index.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [inner, text] of flatten(value, path)) keys.set(inner, text);
  }
  return keys;
}

const flat = Object.fromEntries(
  Object.entries(TRANSLATIONS).map(([language, tree]) => [language, flatten(tree as Tree)]),
) as Record<keyof typeof TRANSLATIONS, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !path.includes('/i18n/') ? [path] : [];
  });
}

describe('translations', () => {
  it('every language has exactly the same keys as English', () => {
    const reference = [...flat.en.keys()].sort();
    for (const language of ['ar', 'fr'] as const) {
      const keys = [...flat[language].keys()].sort();
      expect({ language, missing: reference.filter((key) => !flat[language].has(key)) }).toEqual({
        language,
        missing: [],
      });
      expect({ language, extra: keys.filter((key) => !flat.en.has(key)) }).toEqual({ language, extra: [] });
    }
  });

  it('no translation is empty, and placeholders are the same in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of flat.en) {
      for (const language of ['ar', 'fr', 'en'] as const) {
        const text = flat[language].get(key) ?? '';
        expect(text.trim(), `${language}:${key}`).not.toBe('');
        expect(placeholders(text), `${language}:${key}`).toEqual(placeholders(english));
      }
    }
  });

  it('every problem code of the API has a translation errors.<code> in every language', () => {
    const missing = Object.keys(ERROR_CODES).flatMap((code) =>
      (['ar', 'fr', 'en'] as const)
        .filter((language) => !flat[language].has(`errors.${code}`))
        .map((l) => `${l}: errors.${code}`),
    );
    expect(missing).toEqual([]);
  });

  it('every literal key the pages ask for exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      const literals = [
        ...text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g),
        ...text.matchAll(/notice: '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g),
        ...text.matchAll(/'((?:common\.validation|admin\.fields)\.[a-zA-Z]+)'/g),
      ].map((match) => match[1] as string);
      for (const key of literals) if (!flat.en.has(key)) missing.push(`${file}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('the Arabic texts are written in Arabic (a copy of another language would slip through the key checks)', () => {
    const arabic = /[\u0600-\u06FF]/;
    const latinOnly = [...flat.ar].filter(([, text]) => !arabic.test(text)).map(([key]) => key);
    expect(latinOnly).toEqual([]);
  });
});
