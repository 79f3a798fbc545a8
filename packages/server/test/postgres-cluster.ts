import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian and Ubuntu install PostgreSQL 15's server programs. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres, no password (trust). */
  url: string;
  /** `pg_ctl stop -m immediate`: the postmaster and its backends die at once, as on a crash. */
  kill(): Promise<void>;
  /**
   * SIGKILL to the postmaster (`kill -9`), as the kernel's OOM killer would: no shutdown at all.
   * Its backends notice and exit by themselves; `start()` then runs crash recovery.
   */
  killPostmaster(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: what an operator does for a configuration change or a minor upgrade. */
  restart(): Promise<void>;
  /** Milliseconds the last `start()` took, until the cluster accepted connections. */
  lastStartMs(): number;
  /** Stops the server (if running) and removes its folder. */
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, as the system hands one out. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export function hasPostgresBinaries(): boolean {
  return existsSync(join(POSTGRES_BIN, 'initdb')) && existsSync(join(POSTGRES_BIN, 'pg_ctl'));
}

/**
 * A PostgreSQL cluster of its own in a temporary folder, on a free port, that a test may stop,
 * kill and restart without touching any other server. initdb refuses to run as root: as root the
 * programs run as the `postgres` user, in a folder it owns.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const isRoot = process.getuid?.() === 0;
  const folder = await mkdtemp(join(tmpdir(), 'epeople-pg-'));
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(folder, Number(stdout.trim()), Number(group.trim()));
  }
  const dataDir = join(folder, 'data');
  const port = await freePort();
  const pg = (program: string, args: string[]) => {
    const path = join(POSTGRES_BIN, program);
    return isRoot
      ? run('runuser', ['-u', 'postgres', '--', path, ...args], { cwd: folder })
      : run(path, args, { cwd: folder });
  };
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // The socket goes into the cluster's own folder: /var/run/postgresql may not exist or be writable.
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`;
  const ctl = (args: string[]) => pg('pg_ctl', ['-D', dataDir, '-l', join(folder, 'server.log'), '-w', ...args]);
  let lastStartMs = 0;
  const start = async () => {
    const startedAt = performance.now();
    // After a SIGKILL of the postmaster, its orphaned backends may still hold the shared memory
    // for a moment, and the new postmaster refuses to start beside them: try again until they left.
    for (let attempt = 1; ; attempt++) {
      try {
        await ctl(['-o', options, 'start']);
        break;
      } catch (error) {
        if (attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    lastStartMs = performance.now() - startedAt;
  };
  await start();
  let isRunning = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async kill() {
      await ctl(['-m', 'immediate', 'stop']);
      isRunning = false;
    },
    async killPostmaster() {
      const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      isRunning = false;
      const deadline = Date.now() + 10_000;
      while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async start() {
      await start();
      isRunning = true;
    },
    lastStartMs: () => lastStartMs,
    async restart() {
      await ctl(['-o', options, '-m', 'fast', 'restart']);
      isRunning = true;
    },
    async close() {
      if (isRunning) await ctl(['-m', 'immediate', 'stop']).catch(() => {});
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Alive unless gone or a zombie (dead, waiting for a parent that may never reap it). */
function isProcessAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
