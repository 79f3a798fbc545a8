import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { invalidateAllReferenceCaches } from '../../src/db/reference-cache.ts';
import { RootHandleInTransactionError } from '../../src/db/transaction-scope.ts';
import { runDeadlineScan } from '../../src/modules/cases/deadlines/deadline-work.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/modules/seed/index.ts';
import { authed, type SignedInSession, signIn, uniqueEmail } from '../accounts-helpers.ts';
import { signInStaff, unitIdOf } from '../agencies-helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Issue: "the embedded database deadlocks, and the whole service stops". A guest's reply sent
 * after the calendar cache had expired loaded the calendar through the root handle from inside the
 * reply's transaction; on the one connection of the embedded database that waited forever, and
 * so did every later request. The threats and their tests:
 * - code reaching the root handle inside a transaction: refused at once, on both databases;
 * - every case action, with cold caches and a clock that has moved on: none freezes;
 * - a request that waits for a busy database: 503 with Retry-After within the bound, nothing lost;
 * - a request that never ends: SIGTERM still stops the server within its grace period.
 */
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** Whether `error`, or an error it wraps (Drizzle wraps driver errors), is the root-handle refusal. */
const isRootHandleRefusal = (error: unknown): boolean =>
  error instanceof RootHandleInTransactionError ||
  (error instanceof Error && error.cause !== undefined && isRootHandleRefusal(error.cause));

describe('nothing freezes the database', () => {
  let test: TestContext;
  let app: Awaited<ReturnType<TestContext['buildApp']>>;
  let health: string;
  let sfax: string;
  let officer: SignedInSession;
  let supervisor: SignedInSession;
  let secondSupervisor: SignedInSession;
  let sfaxSupervisor: SignedInSession;
  let centralOffice: SignedInSession;
  let officerId: string;

  beforeAll(async () => {
    test = await createTestContext({
      // Sessions outlive the days the clock moves on; requests give up on a busy database quickly.
      env: {
        AUTH_RATE_LIMIT_PER_MINUTE: '1000',
        SESSION_TTL_HOURS: '720',
        STAFF_SESSION_IDLE_MINUTES: String(30 * 24 * 60),
        SESSION_MAX_HOURS: String(90 * 24),
        DATABASE_WAIT_TIMEOUT_MS: '400',
      },
    });
    app = await test.buildApp();
    await seedDemoAccounts(test.ctx);
    const db = test.ctx.database.db;
    health = await unitIdOf(db, 'min-health');
    sfax = await unitIdOf(db, 'cro-tn-61');
    officer = await signIn(app, 'demo-officer@epeople.tn', DEMO_PASSWORD);
    supervisor = await signIn(app, 'demo-supervisor@epeople.tn', DEMO_PASSWORD);
    secondSupervisor = await signInStaff(app, db, [{ role: 'supervisor', unitId: health, scope: 'subtree' }]);
    sfaxSupervisor = await signInStaff(app, db, [{ role: 'supervisor', unitId: sfax, scope: 'unit' }]);
    centralOffice = await signIn(app, 'demo-central-office@epeople.tn', DEMO_PASSWORD);
    officerId = (
      await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE email = 'demo-officer@epeople.tn'`)
    )[0]!.id;
  });
  afterAll(async () => test.close());

  /**
   * Every per-process cache forgotten and the clock moved on, as after a quiet spell in production
   * (by default past a case lock's 15 minutes, as between two handlers' visits).
   */
  function afterAQuietSpell(milliseconds = 16 * MINUTE): void {
    invalidateAllReferenceCaches();
    test.advanceClock(milliseconds);
  }

  async function fileAsGuest(extra: Record<string, unknown> = {}) {
    afterAQuietSpell();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: {
        type: 'petition',
        title: 'Le centre de santé est fermé le samedi',
        description: 'Le centre de santé de mon quartier ferme tous les samedis sans prévenir.',
        language: 'fr',
        unitId: health,
        guest: { name: 'Amina Ben Salah', email: uniqueEmail('guest') },
        ...extra,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as { case: { id: string; reference: string }; accessCode: string };
    return { id: body.case.id, reference: body.case.reference, accessCode: body.accessCode };
  }

  async function staffAct(session: SignedInSession, id: string, action: string, body?: unknown, after?: number) {
    afterAQuietSpell(after);
    const response = await authed(app, session).post(`/api/v1/inbox/cases/${id}/${action}`, body);
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json() as { state: string };
  }

  async function citizenAct(filed: { reference: string; accessCode: string }, action: string, body: unknown) {
    afterAQuietSpell();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${filed.reference}/${action}`,
      headers: { 'x-access-code': filed.accessCode },
      payload: body as object,
    });
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    return response.json() as { state: string };
  }

  async function waitForSignedAnswer(filed: { reference: string; accessCode: string }) {
    for (let attempt = 0; attempt < 120; attempt++) {
      const listed = await app.inject({
        method: 'GET',
        url: `/api/v1/cases/${filed.reference}/answers`,
        headers: { 'x-access-code': filed.accessCode },
      });
      const answers = (listed.json() as { answers: Array<{ status: string }> }).answers;
      if (answers.length > 0 && answers.every((answer) => answer.status === 'signed')) return answers;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the answer was not signed within 30 s');
  }

  it("a guest's reply to a request for information, sent after the calendar cache expired, is saved (it froze the embedded database)", async () => {
    const filed = await fileAsGuest();
    await staffAct(supervisor, filed.id, 'register');
    await staffAct(supervisor, filed.id, 'assign', { assigneeId: officerId });
    await staffAct(officer, filed.id, 'start');
    await staffAct(officer, filed.id, 'request-info', { question: 'Quelle est l’adresse du centre ?' });
    afterAQuietSpell(2 * DAY);
    const replied = await citizenAct(filed, 'info-reply', { message: 'Rue de Marseille, Tunis.' });
    expect(replied.state).toBe('in_progress');
    // The service still answers afterwards.
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('code that reaches the root handle from inside a transaction is refused at once, and the database still serves', async () => {
    const { database } = test.ctx;
    await expect(
      database.db.transaction(async () => {
        await database.db.execute(sql`SELECT 1`);
      }),
    ).rejects.toSatisfy(isRootHandleRefusal);
    await expect(
      database.db.transaction(async () => {
        await database.query('SELECT 1');
      }),
    ).rejects.toSatisfy(isRootHandleRefusal);
    await expect(
      database.transaction(async () => {
        await database.db.transaction(async () => {});
      }),
    ).rejects.toSatisfy(isRootHandleRefusal);
    // Work a transaction started and left running may use the root handle once it has ended.
    let afterwards: Promise<unknown> = Promise.resolve();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      afterwards = new Promise((resolve) => setTimeout(resolve, 20)).then(() => database.query('SELECT 2 AS two'));
    });
    await expect(afterwards).resolves.toEqual({ rows: [{ two: 2 }] });
    expect((await database.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('every case action, with cold caches and a clock that has moved on, completes (none waits on itself)', async () => {
    // A petition through its whole life: extension with consent, joint case, drafts, answer and
    // its signing job, rating, follow-up.
    const petition = await fileAsGuest();
    await staffAct(officer, petition.id, 'take');
    await staffAct(officer, petition.id, 'release');
    await staffAct(supervisor, petition.id, 'register');
    await staffAct(supervisor, petition.id, 'assign', { assigneeId: officerId });
    await staffAct(officer, petition.id, 'start');
    await staffAct(officer, petition.id, 'notes', { body: 'Appel du centre prévu.' });
    await staffAct(officer, petition.id, 'request-info', { question: 'Depuis quand ?' });
    afterAQuietSpell(DAY);
    await citizenAct(petition, 'info-reply', { message: 'Depuis janvier.' });
    await staffAct(supervisor, petition.id, 'extend-deadline', { reason: 'Enquête sur place nécessaire.' });
    await citizenAct(petition, 'extension-consent', {});
    await staffAct(supervisor, petition.id, 'extend-deadline', { reason: 'Résultats de l’enquête attendus.' });
    await staffAct(supervisor, petition.id, 'contributors', { unitId: sfax });
    await staffAct(sfaxSupervisor, petition.id, 'contribution', { contribution: 'Le bureau de Sfax confirme.' });
    await staffAct(officer, petition.id, 'draft', { outcome: 'upheld', body: 'Le centre ouvrira.' });
    await staffAct(officer, petition.id, 'submit-draft', { outcome: 'upheld', body: 'Le centre ouvrira.' });
    await staffAct(supervisor, petition.id, 'return-draft', { comment: 'Donner la date.' });
    await staffAct(officer, petition.id, 'submit-draft', { outcome: 'upheld', body: 'Le centre ouvrira le 1er mars.' });
    await staffAct(secondSupervisor, petition.id, 'approve-draft', {});
    afterAQuietSpell();
    expect((await staffAct(officer, petition.id, 'answer')).state).toBe('answered');
    await waitForSignedAnswer(petition);
    await citizenAct(petition, 'rating', { rating: 2, comment: 'Trop tard.' });
    expect((await citizenAct(petition, 'follow-up', { reason: 'Toujours fermé.' })).state).toBe('reopened');

    // A transfer restarts the clock at the receiving unit; a duplicate link; a break of a lock;
    // a rejection there; a withdrawal of another.
    const transferred = await fileAsGuest();
    await staffAct(officer, transferred.id, 'take');
    await staffAct(supervisor, transferred.id, 'break-lock', { reason: 'Agent absent.' }, MINUTE);
    await staffAct(supervisor, transferred.id, 'register');
    await staffAct(supervisor, transferred.id, 'link-duplicate', { duplicateOfReference: petition.reference });
    // By the central office, who still sees the case afterwards (a unit's supervisor does not).
    await staffAct(centralOffice, transferred.id, 'transfer', { unitId: sfax, reason: 'Compétence régionale.' });
    await staffAct(sfaxSupervisor, transferred.id, 'reject', { reason: 'duplicate', explanation: 'Déjà traité.' });
    const withdrawn = await fileAsGuest();
    expect((await citizenAct(withdrawn, 'withdrawal', { reason: 'Réglé.' })).state).toBe('withdrawn');

    // An anonymous notice: its thread both ways.
    const notice = await fileAsGuest({ type: 'notice', anonymous: true, guest: undefined });
    await staffAct(supervisor, notice.id, 'messages', { body: 'Pouvez-vous préciser le lieu ?' });
    await citizenAct(notice, 'messages', { body: 'Derrière la gare.' });

    // Every case page still opens for its handlers and its holder.
    for (const filed of [petition, transferred, notice]) {
      afterAQuietSpell();
      const tracked = await app.inject({
        method: 'GET',
        url: `/api/v1/cases/${filed.reference}`,
        headers: { 'x-access-code': filed.accessCode },
      });
      expect(tracked.statusCode, tracked.body).toBe(200);
    }
    afterAQuietSpell();
    expect((await authed(app, supervisor).get(`/api/v1/inbox/cases/${petition.id}`)).statusCode).toBe(200);
    expect((await authed(app, supervisor).get('/api/v1/inbox?limit=50')).statusCode).toBe(200);

    // The deadline work, a month and more later: warnings, escalations, progress notices, closing.
    afterAQuietSpell(40 * DAY);
    const scan = await runDeadlineScan(test.ctx);
    expect(scan.escalated.length + scan.acknowledgementsEscalated.length).toBeGreaterThan(0);
    // The answer's signature loads the signing and PDF stacks here, on first use, not when this
    // file is imported (docs/operations.md, "Start-up and memory"): 18 s alone, past the default
    // 30 s on a loaded two-core machine.
  }, 90_000);

  it('a request that waits for a busy database past the bound answers 503 with Retry-After, and writes nothing', async () => {
    const { database } = test.ctx;
    const filed = await fileAsGuest();
    // Hold every connection: the embedded database has one, the PostgreSQL test pool five.
    const connections = database.kind === 'pglite' ? 1 : 5;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: connections }, () => database.transaction(() => released));
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const title = `Pendant l’attente ${Date.now()}`;
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        payload: {
          type: 'petition',
          title,
          description: 'Déposée pendant que la base est occupée.',
          language: 'fr',
          unitId: health,
          guest: { name: 'Amina', email: uniqueEmail('busy') },
        },
      });
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ code: 'common.unavailable', retryAfterSeconds: 5 });
      const tracking = await app.inject({
        method: 'GET',
        url: `/api/v1/cases/${filed.reference}`,
        headers: { 'x-access-code': filed.accessCode },
      });
      expect(tracking.statusCode).toBe(503);
      // Liveness does not touch the database.
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      release();
      await Promise.all(holders);
      const rows = await queryRows<{ count: number }>(
        database.db,
        sql`SELECT count(*)::int AS count FROM cases WHERE title = ${title}`,
      );
      expect(rows[0]?.count).toBe(0);
    } finally {
      release();
      await Promise.allSettled(holders);
    }
    // What was saved before is all there.
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/cases/${filed.reference}`,
      headers: { 'x-access-code': filed.accessCode },
    });
    expect(after.statusCode).toBe(200);
  });
});

describe('stopping', () => {
  it('SIGTERM stops the server within its grace period even while a client stalls mid-upload', async () => {
    const server = await startServerProcess({ SHUTDOWN_GRACE_SECONDS: '2' });
    try {
      // A body announced and never sent: Node would keep this request open for minutes.
      const stalled = connect(server.port, '127.0.0.1');
      await new Promise((resolve) => stalled.once('connect', resolve));
      stalled.write(
        'POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100000\r\n\r\n{"type":',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.child.kill('SIGTERM');
      const code = await server.exited;
      stalled.destroy();
      expect(code).toBe(1);
      expect(server.log()).toContain('grace period of 2 s is over');
    } finally {
      await server.dispose();
    }
  }, 120_000);
});
