import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` serves the built web page. Build it when it is missing or older than its sources,
 * so a fresh clone needs only `npm install && npm start`, and a second start skips the build.
 */
const root = join(import.meta.dirname, '..');
const builtIndex = join(root, 'packages/web/dist/index.html');
const sources = [
  'packages/web/src',
  'packages/web/public',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/postcss.config.cjs',
  'packages/contracts/src',
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map((source) => newestChange(join(root, source))));
if (builtAt < sourcesAt) {
  console.log('Building the web page (packages/web/dist)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@epeople/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
