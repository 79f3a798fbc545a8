import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { freePort } from './bench-processes.ts';
import { filingBody } from './filing-request.ts';

/**
 * The server on the embedded database (PGlite in DATA_DIR), as `npm start` runs it: how long a
 * start takes until /api/ready answers (process start and module loading included), the resident
 * memory then, and the start-up phases the server logs (docs/operations.md, "Start-up and memory").
 */
const MAIN = join(import.meta.dirname, '../src/main.ts');

export interface EmbeddedStart {
  ms: number;
  rssMb: number;
  phases: Array<{ phase: string; ms: number; rssMb: number }>;
  /** The start line's own figures: module loading, then start-up proper. */
  line: string;
}

export interface EmbeddedServer {
  base: string;
  start: EmbeddedStart;
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

async function residentMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Starts `npm start`'s server on `dataDir` and waits until it is ready. */
export async function startEmbeddedServer(dataDir: string, logLevel = 'info'): Promise<EmbeddedServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      DEMO_MODE: 'false',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: logLevel,
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      FILING_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const start: EmbeddedStart = { ms: 0, rssMb: 0, phases: [], line: '' };
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"start-up phases"')) start.phases = JSON.parse(line).startupPhases;
      const listening = /after (\d+ ms \(\d+ ms more loading modules\)), (\d+) MB/.exec(line);
      if (listening) start.line = listening[1] ?? '';
    }
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the embedded server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the embedded server did not get ready within 120 s');
    try {
      if ((await fetch(`${base}/api/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  start.ms = performance.now() - started;
  start.rssMb = await residentMb(child);
  return {
    base,
    start,
    rssMb: () => residentMb(child),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Files one case through the API and answers its reference. */
export async function fileOneCase(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: filingBody(),
  });
  if (!response.ok) throw new Error(`filing answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { case: { reference: string } }).case.reference;
}

/**
 * Copies the case `reference` (with its events) until the stopped server's embedded database
 * holds `count` cases more: far faster than filing them one by one through the API.
 */
export async function fillCases(dataDir: string, reference: string, count: number): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    const { rows } = await database.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'cases' AND column_name NOT IN ('id', 'reference')
          AND is_generated = 'NEVER'`,
    );
    const columns = rows.map((row) => `"${row.column_name}"`).join(', ');
    const batch = 10_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await database.transaction(async (sql) => {
        await sql.query(
          `WITH copies AS (
             INSERT INTO cases (${columns}, reference)
             SELECT ${columns}, 'BENCH-' || g FROM cases, generate_series(${from}::int, ${to}::int) g
              WHERE reference = $1
             RETURNING id)
           INSERT INTO case_events (case_id, type, visibility, actor_kind, actor_id, data)
           SELECT id, 'CASE_SUBMITTED', 'public', 'guest', NULL, '{"type": "petition"}'::jsonb FROM copies`,
          [reference],
        );
      });
    }
    await database.exec('CHECKPOINT');
  } finally {
    await database.close();
  }
}
