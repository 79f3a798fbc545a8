import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type EmbeddedStart, fileOneCase, fillCases, startEmbeddedServer } from './embedded-server.ts';
import { filingBody } from './filing-request.ts';
import { measurePgliteFilingInserts } from './pglite-filing-baseline.ts';

/**
 * Issue 8 on the embedded database: the first start on an empty folder, the second start with
 * BENCH_STARTUP_CASES cases (time until /api/ready and resident memory, twice), and filings per
 * second over HTTP beside PGlite's own rate for the same rows in a fresh PGlite in this process.
 */
export interface EmbeddedFigures {
  cases: number;
  firstStart: EmbeddedStart;
  secondStarts: EmbeddedStart[];
  /** Filings answered 201 per second: a refusal (503 while shedding load) is not a filing. */
  filingRate: number;
  filingErrors: number;
  rssAfterFilingMb: number;
  pgliteRate: number;
}

export async function measureEmbedded({
  cases,
  seconds,
  connections,
}: {
  cases: number;
  seconds: number;
  connections: number;
}): Promise<EmbeddedFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-embedded-'));
  try {
    const first = await startEmbeddedServer(dataDir);
    const reference = await fileOneCase(first.base).finally(() => first.stop());
    await fillCases(dataDir, reference, cases);
    const secondStarts: EmbeddedStart[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startEmbeddedServer(dataDir);
      secondStarts.push(server.start);
      await server.stop();
    }
    // Filings with the request log off, as run.ts loads the PostgreSQL server (LOG_LEVEL=warn).
    const server = await startEmbeddedServer(dataDir, 'warn');
    let filing: autocannon.Result;
    let rssAfterFilingMb: number;
    try {
      filing = await autocannon({
        url: `${server.base}/api/v1/cases`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: filingBody(),
        connections,
        duration: seconds,
      });
      rssAfterFilingMb = await server.rssMb();
    } finally {
      await server.stop();
    }
    const pgliteRate = await measurePgliteFilingInserts(seconds);
    return {
      cases,
      firstStart: first.start,
      secondStarts,
      filingRate: filing['2xx'] / filing.duration,
      filingErrors: filing.errors + filing.timeouts + filing.non2xx,
      rssAfterFilingMb,
      pgliteRate,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The embedded rows of the bench's table. */
export function printEmbedded(figures: EmbeddedFigures, row: (name: string, value: string) => void): void {
  const start = (s: EmbeddedStart) => `${(s.ms / 1000).toFixed(2)} s, ${s.rssMb} MB resident  [${s.line}]`;
  const slowest = (s: EmbeddedStart) =>
    [...s.phases]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 4)
      .map((p) => `${p.phase} ${p.ms}`)
      .join(', ');
  row('embedded: first start, empty folder', start(figures.firstStart));
  row('  slowest phases (ms)', slowest(figures.firstStart));
  for (const s of figures.secondStarts) {
    row(`embedded: second start, ${figures.cases} cases (target ≤ 1.5 s)`, start(s));
    row('  slowest phases (ms)', slowest(s));
  }
  row('PGlite alone: same rows, one transaction each', `${figures.pgliteRate.toFixed(0).padStart(6)} tx/s`);
  row(
    'embedded filing via API',
    `${figures.filingRate.toFixed(0).padStart(6)} req/s  errors ${figures.filingErrors}  then ${figures.rssAfterFilingMb} MB resident`,
  );
  row('  ratio to PGlite alone (target ≥ 0.50)', (figures.filingRate / figures.pgliteRate).toFixed(2));
}
