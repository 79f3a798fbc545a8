import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createBenchDatabase } from './bench-database.ts';
import { filingBody } from './filing-request.ts';
import { measureIdleHealth, measureOverload, type OverloadResult } from './overload.ts';
import { startProductionServer } from './production-server.ts';

/**
 * `BENCH_SUITE=overload npm run bench`: the overload phase alone, for comparing shedding rules in
 * one run (docs/operations.md#load-shedding). Each variant is a server process on its own bench
 * database, asked by the same crowd in turn, so the figures share the machine's conditions:
 * - "no bound": every OVERLOAD_* bound off, the node queues everything (issue 8's 13 s);
 * - "default bounds": this checkout's shedding as shipped;
 * - "before": the same, run from another checkout's src/main.ts (BENCH_BEFORE_MAIN), to compare
 *   a change of the shedding code with the code before it.
 * - "trying": this checkout with other bounds, BENCH_OVERLOAD_TRY="OVERLOAD_MAX_IN_FLIGHT=64,...".
 * Rounds alternate the variants (BENCH_OVERLOAD_ROUNDS, default 2): the machine's noise drifts.
 * Then the cost of a refusal alone, for each variant but "no bound": every request is refused
 * (an event-loop utilisation bound no loop is under), 50 connections ask as fast as answered, and
 * the server's own CPU time per refusal is read from /proc: a figure the crowd's noise on a shared
 * machine hardly moves, unlike latencies. BENCH_OVERLOAD_CROWD=off runs this part alone.
 */
interface Variant {
  name: string;
  main: string;
  env: Record<string, string>;
}

interface Row {
  variant: string;
  result: OverloadResult;
  healthAtRest: { p50: number; p99: number };
}

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = import.meta.dirname;

function variants(): Variant[] {
  const main = join(here, '../src/main.ts');
  const noBound = {
    OVERLOAD_MAX_IN_FLIGHT: '0',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    OVERLOAD_MAX_DATABASE_WAITING: '0',
  };
  const list: Variant[] = [
    { name: 'no bound', main, env: noBound },
    { name: 'default bounds', main, env: {} },
  ];
  const before = process.env.BENCH_BEFORE_MAIN;
  if (before) list.splice(1, 0, { name: 'before (default bounds)', main: before, env: {} });
  const trying = process.env.BENCH_OVERLOAD_TRY;
  if (trying) {
    const env = Object.fromEntries(trying.split(',').map((pair) => pair.split('=') as [string, string]));
    list.push({ name: `trying ${trying}`, main, env });
  }
  return list;
}

/** The server process's CPU time so far (user + system), in milliseconds, from /proc (Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the file, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measureRefusalCost(variant: Variant, seconds: number) {
  const database = await createBenchDatabase(SERVER_URL, 'refusal');
  const server = await startProductionServer({
    main: variant.main,
    databaseUrl: database.url,
    env: { LOG_LEVEL: 'error', ...variant.env, OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: '0.000001' },
    // Listening means started (migrations are done before); /api/ready would be refused before the change.
    readyPath: '/api/health',
  });
  const base = server.base;
  try {
    const pid = server.pid;
    const cpuBefore = cpuMs(pid);
    const result = await autocannon({
      url: `${base}/api/v1/cases/PET-2026-000001-X`,
      headers: { 'x-access-code': 'ABCD-EFGH-JKLM-NPQR' },
      connections: 50,
      duration: seconds,
    });
    const cpu = cpuMs(pid) - cpuBefore;
    const refused = result['5xx'];
    return {
      variant: variant.name,
      refusedPerSecond: refused / seconds,
      other: result.requests.total - refused,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuMicrosecondsPerRefusal: (cpu * 1000) / Math.max(1, refused),
    };
  } finally {
    await server.stop();
    await database.drop();
  }
}

async function measureVariant(variant: Variant, connections: number, seconds: number): Promise<Row> {
  const database = await createBenchDatabase(SERVER_URL, 'overload');
  const server = await startProductionServer({
    main: variant.main,
    databaseUrl: database.url,
    env: {
      DATABASE_POOL_MAX: '20',
      LOG_LEVEL: 'error',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      FILING_RATE_LIMIT_PER_MINUTE: '1000000',
      ...variant.env,
    },
  });
  const base = server.base;
  try {
    const tracked: Array<{ reference: string; accessCode: string }> = [];
    while (tracked.length < 100) {
      const response = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: filingBody(),
      });
      // A node just started may still shed by its event loop's delay (the start's own work).
      if (response.status === 503) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (response.status !== 201) throw new Error(`filing answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { case: { reference: string }; accessCode: string };
      tracked.push({ reference: body.case.reference, accessCode: body.accessCode });
    }
    // Let the acknowledgements of those filings leave before the crowd arrives.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const healthAtRest = await measureIdleHealth(base);
    let next = 0;
    const result = await measureOverload({
      url: base,
      connections,
      seconds,
      next: () => {
        const { reference, accessCode } = tracked[next++ % tracked.length]!;
        return { method: 'GET', path: `/api/v1/cases/${reference}`, headers: { 'x-access-code': accessCode } };
      },
    });
    return { variant: variant.name, result, healthAtRest };
  } finally {
    await server.stop();
    await database.drop();
  }
}

export async function overloadSuite(options: { connections: number; seconds: number; rounds: number }) {
  console.log(`\nePeople overload bench: tracking by ${options.connections} connections, ${options.seconds} s each\n`);
  if (process.env.BENCH_OVERLOAD_CROWD !== 'off') {
    for (let round = 0; round < options.rounds; round++) {
      for (const variant of variants()) printRow(await measureVariant(variant, options.connections, options.seconds));
    }
  }
  console.log('\nthe cost of a refusal: every request refused, 50 connections\n');
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of variants().filter((candidate) => candidate.name !== 'no bound')) {
      const cost = await measureRefusalCost(variant, options.seconds);
      console.log(
        `${cost.variant.padEnd(40)} ${cost.refusedPerSecond.toFixed(0).padStart(6)} refusals/s  ` +
          `p50 ${cost.p50} ms  p99 ${cost.p99} ms  server CPU ${cost.cpuMicrosecondsPerRefusal.toFixed(0)} µs a refusal` +
          (cost.other ? `  (${cost.other} answers not 5xx)` : ''),
      );
    }
  }
}

/** Printed as each variant ends: a long run that fails late keeps what it measured. */
function printRow({ variant, result, healthAtRest }: Row): void {
  const ms = (n: number) => n.toFixed(1);
  const answered = result.served + result.refused + result.failed;
  const share = (n: number) => `${((100 * n) / Math.max(1, answered)).toFixed(0)} %`;
  console.log(variant);
  console.log(
    `  answers ${answered}: served ${share(result.served)}, refused 503 ${share(result.refused)}, failed ${result.failed}`,
  );
  console.log(`  refused p50 ${ms(result.refusedP50)} ms  p99 ${ms(result.refusedP99)} ms`);
  console.log(`  served  p50 ${ms(result.servedP50)} ms  p99 ${ms(result.servedP99)} ms`);
  console.log(
    `  health  p50 ${ms(result.healthP50)} ms  p99 ${ms(result.healthP99)} ms  max ${ms(result.healthMax)} ms  failed ${result.healthFailed}` +
      `  (at rest p99 ${ms(healthAtRest.p99)} ms; ratio ${(result.healthP99 / Math.max(0.1, healthAtRest.p99)).toFixed(1)})`,
  );
}
