import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '../../../..');

export interface RunningServer {
  baseUrl: string;
  /** What the server printed, for the failure message when something goes wrong. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds packages/web/dist when it is missing or older than its sources (the script `npm start` uses). */
export function ensureWebBuild(): void {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/ensure-web-build.ts')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`building the web app failed (exit ${result.status})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The real server, as `npm start` runs it, on a fresh embedded database in a temporary folder:
 * development mode without SMTP (so e-mails are kept and shown at /dev/mailbox), demo accounts
 * only when asked for.
 */
export async function startServer(options: { demo?: boolean } = {}): Promise<RunningServer> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) throw new Error(`run the journey through npm (Node 24 needed, this is ${process.version})`);
  const dataDir = mkdtempSync(join(tmpdir(), 'epeople-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    DEMO_MODE: options.demo ? 'true' : 'false',
    LOG_LEVEL: 'warn',
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL;
  delete env.WEB_DIST_DIR;

  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['packages/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited during start (code ${child.exitCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/ready`);
      if (response.ok) return { baseUrl, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the server was not ready within 120 s:\n${output}`);
}
