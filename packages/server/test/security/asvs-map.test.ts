import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * docs/SECURITY.md cites its evidence as `file` › "test name"; › "another test of that file".
 * A renamed or deleted test would leave the map claiming proof that no longer runs, so every
 * citation must name a test that exists, in the file it names ("Keeping it current" there).
 */
const repositoryRoot = new URL('../../../../', import.meta.url);
const serverRoot = new URL('packages/server/', repositoryRoot);

/** Typographic apostrophes in the prose stand for the straight ones (or escaped ones) in code. */
const normalised = (text: string): string => text.replaceAll('’', "'").replaceAll("\\'", "'");

interface Citation {
  file: string;
  name: string;
}

function citationsIn(doc: string): Citation[] {
  const citations: Citation[] = [];
  let file: string | undefined;
  for (const match of doc.matchAll(/`([^`\s]+\.(?:test|e2e)\.tsx?)`|› "([^"]+)"/g)) {
    if (match[1] !== undefined) file = match[1];
    else if (file !== undefined && match[2] !== undefined) citations.push({ file, name: match[2] });
  }
  return citations;
}

describe('the ASVS map (docs/SECURITY.md)', () => {
  it('a citation of a test that was renamed or removed is caught: every cited test exists in its file', async () => {
    const doc = await readFile(new URL('docs/SECURITY.md', repositoryRoot), 'utf8');
    const citations = citationsIn(doc);
    expect(citations.length).toBeGreaterThan(100);
    const missing: string[] = [];
    const sources = new Map<string, string>();
    for (const { file, name } of citations) {
      if (!sources.has(file)) {
        const base = file.startsWith('packages/') ? repositoryRoot : serverRoot;
        sources.set(file, normalised(await readFile(new URL(file, base), 'utf8').catch(() => '')));
      }
      const source = sources.get(file) ?? '';
      const wanted = normalised(name);
      const named = ["'", '"', '`'].some((quote) => source.includes(`${quote}${wanted}${quote}`));
      if (!named) missing.push(`${file} › "${name}"`);
    }
    expect(missing).toEqual([]);
  });
});
