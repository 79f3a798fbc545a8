import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../accounts-helpers.ts';
import { hasPostgresBinaries, type PostgresCluster, startPostgresCluster } from '../postgres-cluster.ts';
import { type ServerProcess, startServerProcess } from '../server-process.ts';

/**
 * Issue 8: "kill -9 of PostgreSQL under load, 20 cycles ... lost no acknowledged filing". The
 * postmaster of a cluster this test started is killed with SIGKILL while citizens file, cycle
 * after cycle; the app node stays up throughout (docs/operations.md, "When the database goes
 * away"). Each citizen retries a filing that got no 201 with the same Idempotency-Key, as the
 * web page does, so at the end every filing is counted: acknowledged, lost (acknowledged and not
 * in the database), duplicated (in the database twice). `npm run test:resilience` runs 20 cycles;
 * the suite runs RESILIENCE_POSTGRES_CYCLES (default 2).
 */
const CYCLES = Number(process.env.RESILIENCE_POSTGRES_CYCLES ?? 2);
const CITIZENS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Filing {
  title: string;
  key: string;
  email: string;
  reference?: string;
  accessCode?: string;
  /** Answers that were not an acknowledgement (503 while the database was away, a time-out). */
  retries: number;
}

describe.skipIf(!hasPostgresBinaries())('PostgreSQL killed with SIGKILL under load', () => {
  let cluster: PostgresCluster;
  let node: ServerProcess;
  let unitId: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    node = await startServerProcess({
      LOG_LEVEL: 'warn',
      DATABASE_URL: cluster.url,
      DATABASE_WAIT_TIMEOUT_MS: '1000',
      UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: '100000',
      FILING_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      unitId = (await admin.query<{ id: string }>(`SELECT id FROM units WHERE code = 'min-health'`)).rows[0]!.id;
    } finally {
      await admin.end();
    }
  }, 120_000);

  afterAll(async () => {
    await node?.dispose();
    await cluster?.close();
  }, 60_000);

  /** Sends one filing until it is acknowledged (201, or 200 for a replay of the same key). */
  async function fileUntilAcknowledged(filing: Filing, isStopping: () => boolean): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${node.base}/api/v1/cases`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': filing.key },
          body: JSON.stringify({
            type: 'petition',
            title: filing.title,
            description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
            language: 'fr',
            unitId,
            guest: { name: 'Amina Ben Salah', email: filing.email },
          }),
          signal: AbortSignal.timeout(15_000),
        });
        if (response.status === 201 || response.status === 200) {
          const body = (await response.json()) as { case: { reference: string }; accessCode: string };
          filing.reference = body.case.reference;
          filing.accessCode = body.accessCode;
          return;
        }
        await response.body?.cancel();
        // Anything else must be the database's 503 with Retry-After (postgres-restart.test.ts).
        if (response.status !== 503) throw new Error(`a filing answered ${response.status}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('a filing answered')) throw error;
      }
      filing.retries += 1;
      await sleep(isStopping() ? 50 : 100);
    }
    throw new Error(`filing ${filing.title} was not acknowledged within 60 s`);
  }

  it(`${CYCLES} kills of the postmaster: no acknowledged filing lost, none filed twice`, async () => {
    const filings: Filing[] = [];
    let isStopped = false;
    const citizen = async () => {
      while (!isStopped) {
        const filing: Filing = {
          title: `Centre fermé ${randomUUID()}`,
          key: randomUUID(),
          email: uniqueEmail('pgcrash'),
          retries: 0,
        };
        filings.push(filing);
        await fileUntilAcknowledged(filing, () => isStopped);
      }
    };
    const acknowledged = () => filings.filter((filing) => filing.reference).length;
    const citizens = Array.from({ length: CITIZENS }, citizen);
    const recoveryMs: number[] = [];
    const servingAgainMs: number[] = [];
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        // Kill once filings are under way, at a moment that differs from cycle to cycle.
        const before = acknowledged();
        const deadline = Date.now() + 30_000;
        while (acknowledged() < before + 5 && Date.now() < deadline) await sleep(20);
        expect(acknowledged(), `cycle ${cycle}: filings were acknowledged before the kill`).toBeGreaterThan(before);
        await sleep(30 + ((cycle * 137) % 300));
        await cluster.killPostmaster();
        await cluster.start();
        recoveryMs.push(cluster.lastStartMs());
        const acceptingAt = Date.now();
        const atRestart = acknowledged();
        while (acknowledged() === atRestart) {
          if (Date.now() - acceptingAt > 30_000)
            throw new Error(`cycle ${cycle}: no filing acknowledged after restart`);
          await sleep(10);
        }
        servingAgainMs.push(Date.now() - acceptingAt);
      }
    } finally {
      isStopped = true;
      await Promise.all(citizens);
    }

    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    let rows: Array<{ title: string; count: string }>;
    try {
      rows = (
        await admin.query<{ title: string; count: string }>(
          'SELECT title, count(*) FROM cases WHERE title = ANY($1::text[]) GROUP BY title',
          [filings.map((filing) => filing.title)],
        )
      ).rows;
    } finally {
      await admin.end();
    }
    const stored = new Map(rows.map((row) => [row.title, Number(row.count)]));
    const lost = filings.filter((filing) => filing.reference && !stored.has(filing.title));
    const duplicated = filings.filter((filing) => (stored.get(filing.title) ?? 0) > 1);
    const retried = filings.filter((filing) => filing.retries > 0).length;
    // And each one is there for its citizen, by reference and access code.
    const untracked: string[] = [];
    for (const filing of filings) {
      const response = await fetch(`${node.base}/api/v1/cases/${filing.reference}`, {
        headers: { 'x-access-code': filing.accessCode ?? '' },
      });
      const body = (await response.json()) as { title?: string };
      if (response.status !== 200 || body.title !== filing.title)
        untracked.push(`${filing.reference}: ${response.status}`);
    }
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
    const span = (list: number[]) =>
      `${Math.round(sorted(list)[0] ?? 0)}–${Math.round(sorted(list).at(-1) ?? 0)} ms (median ${Math.round(sorted(list)[Math.floor(list.length / 2)] ?? 0)} ms)`;
    console.info(
      `PostgreSQL SIGKILL: ${CYCLES} kills of the postmaster under load, ${acknowledged()} filings acknowledged, ` +
        `${lost.length} lost, ${duplicated.length} duplicated, ${retried} retried with the same key; ` +
        `PostgreSQL start with crash recovery ${span(recoveryMs)}; first filing acknowledged after ${span(servingAgainMs)}`,
    );
    expect(lost.map((filing) => filing.reference)).toEqual([]);
    expect(duplicated.map((filing) => filing.title)).toEqual([]);
    expect(untracked).toEqual([]);
    expect(node.child.exitCode, node.log().slice(-4000)).toBeNull();
  }, 900_000);
});
