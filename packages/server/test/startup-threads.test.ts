import { readdir, readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * `npm start` on the embedded database starts no worker thread: the letter render and PDF
 * verification pools start theirs on first use (docs/operations.md, "Start-up and memory").
 * Node names a worker's OS thread after the pool's thread name ("pdf-verification", cut to 15
 * characters by Linux), so /proc shows whether one runs.
 */
const POOL_THREAD = /^(letter-render|pdf-verific)/;

async function threadNames(pid: number): Promise<string[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  return Promise.all(tasks.map(async (task) => (await readFile(`/proc/${pid}/task/${task}/comm`, 'utf8')).trim()));
}

describe.runIf(process.platform === 'linux')('start-up threads', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => server?.dispose());

  it('starts no pool thread; the first verification starts its thread and is answered', async () => {
    server = await startServerProcess({ LOG_LEVEL: 'warn' });
    const { base } = server;
    const pid = server.child.pid as number;
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
