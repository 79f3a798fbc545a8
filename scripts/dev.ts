/**
 * `npm run dev`: the API server (with a restart on change, Node's --watch) and the Vite dev
 * server with hot reload, which forwards /api and /metrics to the API. Open http://localhost:5173.
 * Stopping this process (Ctrl+C) stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const apiPort = process.env.PORT ?? '3000';

const children: ChildProcess[] = [];

function start(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} stopped (${signal ?? code}); stopping the rest`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

// Same Node binary as this launcher (Node 24 through npm), so the server's type stripping works.
start(
  'api',
  ['--watch-path=packages/server/src', '--watch-path=packages/contracts/src', 'packages/server/src/main.ts'],
  root,
  {
    PORT: apiPort,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  },
);
start('web', [join(root, 'node_modules/vite/bin/vite.js')], join(root, 'packages/web'), {
  EPEOPLE_API_URL: `http://127.0.0.1:${apiPort}`,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => shutdown(0));
