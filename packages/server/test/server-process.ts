import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-cluster.ts';

/**
 * A real server process (`node src/main.ts`), for tests that need real sockets and real signals:
 * load shedding, shutdown, crashes, start-up. By default on a fresh embedded database of its own;
 * given `dataDir`, on that folder (kept: a test restarts on it). Stopped by its own PID only.
 */
export interface ServerProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Milliseconds from spawning the process to /api/ready answering 200. */
  readyAfterMs: number;
  /** Kills the process (SIGKILL) if it still runs, and removes its data folder unless it was given. */
  dispose(): Promise<void>;
}

export async function startServerProcess(
  env: Record<string, string>,
  options: { dataDir?: string } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'epeople-process-')));
  const port = await freePort();
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_MODE: 'false',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      FILING_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const dispose = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  let isReady = false;
  for (let attempt = 0; attempt < 900 && !isReady && child.exitCode === null; attempt++) {
    isReady = await fetch(`${base}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (!isReady) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!isReady) {
    await dispose();
    throw new Error(`the server did not start:\n${log.slice(-4000)}`);
  }
  return { base, port, child, log: () => log, exited, readyAfterMs: Date.now() - spawnedAt, dispose };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP/1.1 request through `agent`; rejects on a socket error (a reset, a refused connection). */
export function send(
  agent: Agent,
  port: number,
  options: { method: string; path: string; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(options.body);
    }
    const outgoing = request(
      { agent, host: '127.0.0.1', port, method: options.method, path: options.path, headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A guest's petition: a real write, slow enough on the embedded database to pile up. */
export function guestFilingBody(): string {
  return JSON.stringify({
    type: 'petition',
    title: 'Water cut in our street since Monday',
    description: 'The water has been cut in our street since Monday and nobody came to repair it.',
    governorate: 'TN-61',
    language: 'en',
    guest: { name: 'Amina Ben Salah', email: 'amina@example.tn' },
  });
}
