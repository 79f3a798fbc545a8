import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';

describe('the README', () => {
  it('lists exactly the demo accounts that demo mode creates, with their password', async () => {
    const readme = await readFile(new URL('../../../../../README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| `(demo-[^`]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(listed).toEqual(DEMO_ACCOUNTS.map((account) => [account.email, account.role?.role ?? 'citizen']));
    expect(readme).toContain(DEMO_PASSWORD);
  });
});
