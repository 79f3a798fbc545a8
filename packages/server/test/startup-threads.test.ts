import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` on the embedded database starts no worker thread: the letter render and PDF
 * verification pools start theirs on first use (docs/operations.md, "Start-up and memory").
 * Node names a worker's OS thread after the pool's thread name ("pdf-verification", cut to 15
 * characters by Linux), so /proc shows whether one runs.
 */
const MAIN = join(import.meta.dirname, '../src/main.ts');
const POOL_THREAD = /^(letter-render|pdf-verific)/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function threadNames(pid: number): Promise<string[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  return Promise.all(tasks.map(async (task) => (await readFile(`/proc/${pid}/task/${task}/comm`, 'utf8')).trim()));
}

describe.runIf(process.platform === 'linux')('start-up threads', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts no pool thread; the first verification starts its thread and is answered', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-threads-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DEMO_MODE: 'false' },
      stdio: 'ignore',
    });
    const pid = child.pid as number;
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (attempt > 1_200) throw new Error('the server did not get ready');
      const ready = await fetch(`${base}/api/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await threadNames(pid)).filter((name) => POOL_THREAD.test(name))).toEqual([]);

    // A PDF without a signature: the verifier reads it on its thread and answers its verdict.
    const response = await fetch(`${base}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: '%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('verdict');
    expect((await threadNames(pid)).filter((name) => name.startsWith('pdf-verific'))).not.toEqual([]);
  }, 180_000);
});
