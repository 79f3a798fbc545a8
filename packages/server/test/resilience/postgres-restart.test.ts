import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../accounts-helpers.ts';
import { freePort, hasPostgresBinaries, type PostgresCluster, startPostgresCluster } from '../postgres-cluster.ts';
import { startSmtpSink } from '../smtp-sink.ts';

/**
 * Issue 8: "every app node exits when PostgreSQL restarts or dies". The real server process runs
 * against a PostgreSQL cluster of its own, so an unhandled 'error' event or rejection would kill
 * it, and the test kills and restarts that cluster as an operator or a crash would
 * (docs/operations.md, "When the database goes away"). Every wait is a poll with a deadline.
 */
const POLL_MS = 100;

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
}

describe.skipIf(!hasPostgresBinaries())('the app survives PostgreSQL going away', () => {
  let cluster: PostgresCluster;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let dataDir: string;
  let child: ChildProcess;
  let log = '';
  let base: string;
  let unitId: string;
  let filedBefore: { reference: string; accessCode: string; title: string };
  /** References of every filing answered 201, the ones filed just before a kill included. */
  const acknowledged: string[] = [];

  const isAlive = () => child.exitCode === null && child.signalCode === null;

  /** Polls `probe` until it answers something; fails at once, with the node's log, if the node died. */
  async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child && !isAlive()) {
        throw new Error(`${what}: the node exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-4000)}`);
      }
      const found = await probe().catch(() => undefined);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`${what}: not within ${timeoutMs} ms; the node's log:\n${log.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async function call(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: object; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {}
    return { status: response.status, headers: response.headers, body };
  }

  async function fileAsGuest(email: string) {
    const title = `Le centre de santé est fermé ${email}`;
    const response = await call('POST', '/api/v1/cases', {
      body: {
        type: 'petition',
        title,
        description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
        language: 'fr',
        unitId,
        guest: { name: 'Amina Ben Salah', email },
      },
    });
    return { ...response, title };
  }

  async function track(filed: { reference: string; accessCode: string }): Promise<Answer & { title?: unknown }> {
    const { status, headers, body } = await call('GET', `/api/v1/cases/${filed.reference}`, {
      headers: { 'x-access-code': filed.accessCode },
    });
    return {
      status,
      retryAfter: headers.get('retry-after'),
      code: body.code as string | undefined,
      title: body.title,
    };
  }

  /**
   * Citizens keep reading and filing while the database goes away: every answer is recorded, and
   * a request the process did not answer at all (it died) is recorded as status 0.
   */
  function keepCalling() {
    const answers: Answer[] = [];
    let isStopped = false;
    const loop = async (filing: boolean) => {
      while (!isStopped) {
        try {
          if (filing) {
            const { status, headers, body } = await fileAsGuest(uniqueEmail('load'));
            if (status === 201) acknowledged.push((body.case as { reference: string }).reference);
            answers.push({ status, retryAfter: headers.get('retry-after'), code: body.code as string | undefined });
          } else {
            answers.push(await track(filedBefore));
          }
        } catch {
          answers.push({ status: 0, retryAfter: null, code: undefined });
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const loops = [loop(false), loop(false), loop(true), loop(true)];
    return {
      answers,
      async stop() {
        isStopped = true;
        await Promise.all(loops);
        return answers;
      },
    };
  }

  /** Every answer is a success or 503 with Retry-After and the stable code: never 500, never silence. */
  function expectOnlyServedOrUnavailable(answers: Answer[]) {
    const wrong = answers.filter(
      (answer) =>
        !(answer.status >= 200 && answer.status < 300) &&
        !(answer.status === 503 && answer.retryAfter !== null && answer.code === 'common.unavailable'),
    );
    expect(wrong, `${wrong.length} of ${answers.length} answers were neither served nor 503`).toEqual([]);
  }

  const serves = () =>
    until('the node serves again', 30_000, async () => ((await track(filedBefore)).status === 200 ? true : undefined));

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    smtp = await startSmtpSink();
    dataDir = await mkdtemp(join(tmpdir(), 'epeople-pgdown-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(import.meta.dirname, '../../src/main.ts')], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DEMO_MODE: 'false',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: cluster.url,
        DATABASE_WAIT_TIMEOUT_MS: '1000',
        SMTP_URL: smtp.url,
        // The load below files many guest cases from one address: none may be refused or go unacknowledged for it.
        FILING_RATE_LIMIT_PER_MINUTE: '100000',
        UNVERIFIED_ACKS_PER_SENDER_PER_HOUR: '100000',
        SHUTDOWN_GRACE_SECONDS: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    await until('the node is ready', 60_000, async () => {
      if (!isAlive()) throw new Error(`the node exited at start:\n${log}`);
      return (await call('GET', '/api/ready')).status === 200 ? true : undefined;
    });
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ id: string }>(`SELECT id FROM units WHERE code = 'min-health'`);
      unitId = rows[0]!.id;
    } finally {
      await admin.end();
    }
    const email = uniqueEmail('before');
    const filed = await fileAsGuest(email);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    filedBefore = {
      reference: (filed.body.case as { reference: string }).reference,
      accessCode: filed.body.accessCode as string,
      title: filed.title,
    };
    await smtp.waitFor((mail) => mail.to.includes(email));
  }, 90_000);

  afterAll(async () => {
    if (child && isAlive()) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8_000))]);
      if (isAlive()) child.kill('SIGKILL');
    }
    await cluster?.close();
    await smtp?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('the node stays up and answers 503 with Retry-After while PostgreSQL is stopped, then serves again once it is back', async () => {
    // A crash: the postmaster and every backend die at once (57P01 or a reset on each connection).
    let load = keepCalling();
    await until('requests under load', 5_000, async () => (load.answers.length >= 8 ? true : undefined));
    const logAtKill = log.length;
    await cluster.kill();
    const unavailable = await until('a 503 while PostgreSQL is down', 15_000, async () => {
      const answer = await track(filedBefore);
      return answer.status === 503 ? answer : undefined;
    });
    expect(unavailable.retryAfter).toMatch(/^\d+$/);
    expect(unavailable.code).toBe('common.unavailable');
    // Still 503, not a crash, once the timers have failed a round each (pg-boss's workers poll
    // as often, and ignore a failed poll).
    await until('the timers meet the dead database', 15_000, async () => {
      const since = log.slice(logAtKill);
      return since.includes('audit sealing failed') && since.includes('transparency log append failed')
        ? true
        : undefined;
    });
    expect(isAlive(), log).toBe(true);
    await cluster.start();
    await serves();
    expectOnlyServedOrUnavailable(await load.stop());

    // An operator's restart: a fast shutdown (57P01 to every session), then a new postmaster.
    load = keepCalling();
    await until('requests under load', 5_000, async () => (load.answers.length >= 8 ? true : undefined));
    await cluster.restart();
    await serves();
    // Served steadily again: the last few answers, reads and filings alike, all succeeded.
    await until('steady service after the restart', 10_000, async () =>
      load.answers.slice(-8).every((answer) => answer.status >= 200 && answer.status < 300) ? true : undefined,
    );
    expectOnlyServedOrUnavailable(await load.stop());
    expect(isAlive(), log).toBe(true);
  }, 60_000);

  it('/api/ready says not ready while the database is away', async () => {
    await cluster.kill();
    const away = await until('/api/ready answers 503', 10_000, async () => {
      const answer = await call('GET', '/api/ready');
      return answer.status === 503 ? answer : undefined;
    });
    expect(away.body).toEqual({ status: 'not_ready', database: 'unreachable' });
    expect((await call('GET', '/api/health')).status).toBe(200);
    const startedAt = performance.now();
    await cluster.start();
    const acceptingAt = performance.now();
    const back = await until('/api/ready answers 200', 30_000, async () => {
      const answer = await call('GET', '/api/ready');
      return answer.status === 200 ? answer : undefined;
    });
    const readyAt = performance.now();
    console.info(
      `ready again ${Math.round(readyAt - acceptingAt)} ms after PostgreSQL accepted connections ` +
        `(${Math.round(readyAt - startedAt)} ms after pg_ctl start was called)`,
    );
    expect(back.body).toEqual({ status: 'ready', database: 'ok' });
    expect(isAlive(), log).toBe(true);
  }, 45_000);

  it('a job running when PostgreSQL dies does not take the node with it', async () => {
    // A delivery job is held mid-send by the SMTP server (this filing's acknowledgement, or one
    // the load above left queued); PostgreSQL dies; then the job records the delivery, fails, and
    // pg-boss marks the job failed with nobody awaiting that statement.
    const logAtKill = log.length;
    const held = smtp.hold();
    const email = uniqueEmail('inflight');
    try {
      const filed = await fileAsGuest(email);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      await until('an acknowledgement reaches the SMTP server', 15_000, async () =>
        held.arrived.length > 0 ? true : undefined,
      );
      await cluster.kill();
    } finally {
      held.release();
    }
    await until('the job meets the dead database', 15_000, async () =>
      log.slice(logAtKill).includes('a database statement nobody awaited failed') ? true : undefined,
    );
    expect(isAlive(), log).toBe(true);
    await cluster.start();
    await serves();
    expect(isAlive(), log).toBe(true);
  }, 45_000);

  it('a job enqueued after the database returns is processed', async () => {
    // The acknowledgement e-mail leaves through pg-boss: its worker must have survived the outages.
    const email = uniqueEmail('after');
    const filed = await fileAsGuest(email);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const mail = await smtp.waitFor((received) => received.to.includes(email), 20_000);
    expect(mail.text).toContain((filed.body.case as { reference: string }).reference);
    expect(isAlive(), log).toBe(true);
  }, 30_000);

  it('a filing acknowledged before the kill is still there after', async () => {
    const tracked = await track(filedBefore);
    expect(tracked.status).toBe(200);
    expect(tracked.title).toBe(filedBefore.title);
    // So is every filing of the load answered 201, the last ones before each kill included.
    expect(acknowledged.length).toBeGreaterThan(0);
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ count: string }>(
        'SELECT count(*) FROM cases WHERE reference = ANY($1::text[])',
        [acknowledged],
      );
      expect(Number(rows[0]!.count)).toBe(new Set(acknowledged).size);
    } finally {
      await admin.end();
    }
    expect(log).not.toMatch(/unhandled|uncaught/i);
  });
});
