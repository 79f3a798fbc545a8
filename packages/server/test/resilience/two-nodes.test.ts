import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../server-process.ts';
import { startSmtpSink } from '../smtp-sink.ts';

/**
 * Issue 8, "several nodes share the work safely": two real app processes on one new PostgreSQL
 * database and a real SMTP server. Both start at the same moment (the job queue's schema is
 * installed once, under the migrations' lock); guests file cases against both; one node is
 * killed with SIGKILL mid-work, and its claims on the outbox come back to the other within
 * seconds (short leases, a periodic sweep on every node, a short pg-boss expiry). The guarantee
 * checked is the one docs/delivery-guarantees.md states: every acknowledged filing's
 * acknowledgement is delivered at least once, and copies of one message share its Message-ID.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PUBLIC_HOST = 'epeople.two-nodes.test';
/**
 * Filings: at most MAX_FILINGS before the kill, which comes once the first node acknowledged
 * KILL_AFTER_ACKNOWLEDGED_BY_FIRST and deliveries are under way; FILINGS_AFTER_KILL after it.
 */
const MAX_FILINGS = 200;
const KILL_AFTER_ACKNOWLEDGED_BY_FIRST = 40;
const FILINGS_AFTER_KILL = 40;
const CONCURRENT_FILERS = 8;

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresReachable = await isPostgresReachable();
if (!postgresReachable) console.warn(`two-nodes test skipped: no PostgreSQL at ${ADMIN_URL}`);

/** A node of the deployment, named in the figures. */
type AppNode = ServerProcess & { name: string };

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!postgresReachable)('two nodes on one PostgreSQL database', () => {
  const databaseName = `epeople_two_nodes_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const databaseUrl = (() => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${databaseName}`;
    return url.toString();
  })();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  const db = new pg.Client({ connectionString: databaseUrl });
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let dataDir: string;
  const nodes: AppNode[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await db.connect();
    // A mail server that takes a while per message, so deliveries are in flight when a node dies.
    sink = await startSmtpSink({ acceptDelayMs: 40 });
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-two-nodes-'));
  });

  afterAll(async () => {
    for (const node of nodes) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill();
    await Promise.all(nodes.map((node) => node.exited));
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
    await sink?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A node of the deployment, ready (listening and answering /api/ready) or failed with its log. */
  async function startNode(name: string): Promise<AppNode> {
    const node = {
      name,
      ...(await startServerProcess(
        {
          LOG_LEVEL: 'info',
          PUBLIC_URL: `https://${PUBLIC_HOST}`,
          DATABASE_URL: databaseUrl,
          // Both nodes open each other's sealed access codes: one secret for the deployment.
          APP_SECRET: 'two-nodes-test-secret-0123456789abcdef',
          SMTP_URL: sink.url,
          FILING_RATE_LIMIT_PER_MINUTE: '100000',
          UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: '100000',
          // Short leases, sweeps and job expiry: a dead node's work comes back in seconds.
          DELIVERY_LEASE_SECONDS: '3',
          DELIVERY_SWEEP_SECONDS: '1',
          DELIVERY_JOB_EXPIRE_SECONDS: '3',
        },
        { dataDir: join(dataDir, name) },
      )),
    };
    nodes.push(node);
    return node;
  }

  it('both start at the same moment on a new database; one killed mid-work, every acknowledged filing is acknowledged by e-mail, copies share a Message-ID', async () => {
    // Spawned together: both install the queue and migrate at the same moment.
    const [first, second] = await Promise.all([startNode('first'), startNode('second')]);

    const { rows } = await db.query<{ id: string }>(`SELECT id FROM units WHERE code = 'min-health'`);
    const unitId = rows[0]?.id;
    expect(unitId).toBeDefined();

    const acknowledged = new Map<string, string>(); // guest e-mail → the node that answered 201
    let acknowledgedByFirst = 0;
    let refused = 0;
    let started = 0;
    let killedAt: number | undefined;
    let killedAtInDatabase: Date | undefined;
    let filedAfterKill = 0;
    let activeJobsAtKill: string[] = [];
    let claimedAtKill: string[] = [];

    async function fileOne(node: AppNode, index: number): Promise<void> {
      const email = `guest-${index}@two-nodes.test`;
      const response = await fetch(`${node.base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'petition',
          title: 'Le centre de santé est fermé le samedi',
          description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
          language: 'fr',
          unitId,
          guest: { name: 'Amina Ben Salah', email },
        }),
      }).catch(() => undefined);
      if (response?.status !== 201) {
        refused += 1;
        return;
      }
      await response.body?.cancel();
      acknowledged.set(email, node.name);
      if (node === first) acknowledgedByFirst += 1;
    }

    async function killFirst(): Promise<void> {
      const { rows: active } = await db.query<{ id: string }>(
        `SELECT id FROM pgboss.job WHERE state = 'active' AND name IN ('mail.deliver', 'cases.notify')`,
      );
      activeJobsAtKill = active.map((row) => row.id);
      const { rows: claimed } = await db.query<{ id: string; at: Date }>(
        `SELECT id, clock_timestamp() AS at FROM outbound_emails WHERE status = 'sending'`,
      );
      claimedAtKill = claimed.map((row) => row.id);
      killedAtInDatabase = claimed[0]?.at;
      // By its PID: SIGKILL, no shutdown hook runs.
      process.kill(first.child.pid as number, 'SIGKILL');
      killedAt = performance.now();
    }

    // Filers alternate between the nodes while the first lives, then use the second alone.
    const filing = Promise.all(
      Array.from({ length: CONCURRENT_FILERS }, async () => {
        for (;;) {
          if (killedAt !== undefined && filedAfterKill >= FILINGS_AFTER_KILL) break;
          if (killedAt === undefined && started >= MAX_FILINGS) {
            // Enough filed before the kill: wait for it, then file against the survivor.
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          const index = started++;
          const node = killedAt === undefined && index % 2 === 0 ? first : second;
          if (killedAt !== undefined) filedAfterKill += 1;
          await fileOne(node, index);
        }
      }),
    );
    // The first node dies mid-work: once it has acknowledged filings and deliveries are under way
    // on both nodes (e-mails held by two claims, which a node takes one job at a time).
    await until('deliveries under way on both nodes', 60_000, async () => {
      if (acknowledgedByFirst < KILL_AFTER_ACKNOWLEDGED_BY_FIRST) return undefined;
      const { rows: busy } = await db.query<{ claims: number }>(
        `SELECT count(DISTINCT claimed_at)::int AS claims FROM outbound_emails WHERE status = 'sending'`,
      );
      return (busy[0]?.claims ?? 0) >= 2 ? true : undefined;
    });
    await killFirst();
    await filing;
    const sinceKill = () => Math.round(performance.now() - (killedAt as number));

    // The dead node's active jobs leave `active` (pg-boss expiry) ...
    const jobsBackAfterMs = await until('the dead node’s jobs expire', 60_000, async () => {
      if (activeJobsAtKill.length === 0) return 0;
      const { rows: still } = await db.query(`SELECT 1 FROM pgboss.job WHERE state = 'active' AND id = ANY($1)`, [
        activeJobsAtKill,
      ]);
      return still.length === 0 ? sinceKill() : undefined;
    });
    // ... the e-mails claimed when it died (by either node) are all delivered ...
    await until('the claims held at the kill are delivered', 60_000, async () => {
      const { rows: open } = await db.query(`SELECT 1 FROM outbound_emails WHERE status <> 'sent' AND id = ANY($1)`, [
        claimedAtKill,
      ]);
      return open.length === 0 ? true : undefined;
    });
    // ... those the dead node held were claimed again after the kill (the live node's own were
    // not), and the last of them was sent this long after it.
    const { rows: takenBack } = await db.query<{ n: number; ms: number | null }>(
      `SELECT count(*)::int AS n, (extract(epoch FROM max(sent_at) - $2::timestamptz) * 1000)::int AS ms
         FROM outbound_emails WHERE id = ANY($1) AND claimed_at > $2::timestamptz`,
      [claimedAtKill, killedAtInDatabase],
    );
    const takenBackCount = takenBack[0]?.n ?? 0;
    const claimsBackAfterMs = takenBack[0]?.ms ?? 0;
    // ... and every outbox row is delivered, its claims taken back by the live node.
    const outboxEmptyAfterMs = await until('every outbox row delivered', 90_000, async () => {
      const { rows: open } = await db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM outbound_emails WHERE status IN ('pending', 'sending'))
              + (SELECT count(*) FROM case_notifications WHERE status IN ('pending', 'sending')) AS n`,
      );
      return Number(open[0]?.n) === 0 ? sinceKill() : undefined;
    });

    const received = new Map<string, string[]>(); // recipient → Message-IDs, one per copy
    for (const mail of sink.messages) {
      for (const to of mail.to) received.set(to, [...(received.get(to) ?? []), mail.messageId]);
    }
    const missing = [...acknowledged.keys()].filter((email) => !received.has(email));
    const duplicated = [...received.entries()].filter(([, ids]) => ids.length > 1);
    console.info(
      `two nodes: ${started} filings (${filedAfterKill} after the kill), ${acknowledged.size} acknowledged (201), ${refused} refused or cut by the kill; ` +
        `${sink.messages.length} e-mails received for ${received.size} recipients, ${missing.length} missing, ` +
        `${duplicated.length} recipients got a copy more (${duplicated.reduce((n, [, ids]) => n + ids.length - 1, 0)} copies); ` +
        `at the kill ${claimedAtKill.length} e-mails claimed, ${takenBackCount} of them (the dead node's) taken back ` +
        `and sent within ${claimsBackAfterMs} ms, ` +
        `and ${activeJobsAtKill.length} delivery jobs active, none left active ${jobsBackAfterMs} ms after it; ` +
        `outbox empty ${outboxEmptyAfterMs} ms after the kill`,
    );
    // The node died mid-work: it held claims, which came back to the live node within seconds
    // (a 3 s lease, a 1 s sweep, then the queue's backlog), not after 10-15 minutes. The time
    // the outbox takes to empty is the live node's throughput, reported, not asserted.
    expect(takenBackCount).toBeGreaterThan(0);
    expect(claimsBackAfterMs).toBeLessThan(20_000);

    expect(missing).toEqual([]);
    for (const [, ids] of received) {
      // Derived from the outbox row and PUBLIC_URL's host: a re-send repeats it, receivers can drop it.
      expect(ids[0]).toMatch(new RegExp(`^<[0-9a-f-]{36}@${PUBLIC_HOST.replaceAll('.', '\\.')}>$`));
      expect(new Set(ids).size).toBe(1);
    }
    // The surviving node worked throughout and still answers.
    expect((await fetch(`${second.base}/api/ready`)).status).toBe(200);
    expect(second.log()).not.toMatch(/already exists/);
  }, 150_000);
});
