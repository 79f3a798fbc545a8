import { spawnSync } from 'node:child_process';

/**
 * Runs the `openssl` command-line tool, the independent judge of the signing tests. A missing
 * tool fails the test loudly (CI installs Debian's openssl); it never skips.
 */
export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runTool(command: string, args: string[], input?: Uint8Array | string): ToolResult {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${command} is required by this test (Debian package: see README)`);
    throw result.error;
  }
  return {
    status: result.status ?? -1,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

export function runOpenssl(args: string[], input?: Uint8Array | string): ToolResult {
  return runTool('openssl', args, input);
}

/** Runs openssl and throws with its output when it fails: for setup steps that must succeed. */
export function openssl(args: string[], input?: Uint8Array | string): string {
  const result = runOpenssl(args, input);
  if (result.status !== 0) {
    throw new Error(`openssl ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** `openssl cms -verify` of a detached signature (DER .p7s) over a content file, against a CA file. */
export function cmsVerify(p7s: string, content: string, caFile: string): ToolResult {
  return runOpenssl([
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    p7s,
    '-content',
    content,
    '-CAfile',
    caFile,
    '-out',
    '/dev/null',
  ]);
}
