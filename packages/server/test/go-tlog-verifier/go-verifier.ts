import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Builds the Go verifier (main.go) into `folder`, offline, with Debian's x/mod. */
export async function buildVerifier(folder: string): Promise<string> {
  const binary = join(folder, 'go-tlog-verifier');
  try {
    await run('go', ['build', '-o', binary, join(import.meta.dirname, 'main.go')], {
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(folder, 'go-cache') },
    });
  } catch (error) {
    throw new Error(
      'Building the Go log verifier failed: this test needs Debian’s golang-go and golang-golang-x-mod-dev ' +
        `(apt-get install golang-go golang-golang-x-mod-dev).\n${(error as Error).message}`,
    );
  }
  return binary;
}

/** Runs the verifier: ok with its output, or not ok with what it refused. */
export async function verify(binary: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(binary, args);
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
