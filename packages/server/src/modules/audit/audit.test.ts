import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { createAuditRepository } from './audit.repository.ts';
import { sealAuditLog } from './audit.sealer.ts';
import { verifyAuditChain } from './audit.verify.ts';

const entry = (action: string, data: Record<string, unknown> = {}) => ({
  actorId: null,
  actorKind: 'system' as const,
  action,
  subjectType: 'test',
  subjectId: action,
  data,
});

describe('the audit log', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
  });
  afterAll(async () => test.close());

  const db = () => test.ctx.database.db;
  const raw = () => test.ctx.database;

  it('keeps a record only if the change it records commits', async () => {
    await db().transaction(async (tx) => createAuditRepository({ db: tx }).record(entry('kept')));
    await expect(
      db().transaction(async (tx) => {
        await createAuditRepository({ db: tx }).record(entry('rolled_back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const { rows } = await raw().query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_type = 'test'`);
    expect(rows.map((row) => row.action)).toEqual(['kept']);
  });

  it('seals rows into a chain that verifies, and seals each row once', async () => {
    for (let i = 0; i < 30; i++)
      await createAuditRepository({ db: db() }).record(entry(`row_${i}`, { i, nested: { b: 1, a: [1, 'x'] } }));
    const first = await sealAuditLog({ db: db() });
    expect(first.sealed).toBeGreaterThanOrEqual(30);
    expect((await sealAuditLog({ db: db() })).sealed).toBe(0);
    const report = await verifyAuditChain({ db: db() });
    expect(report).toMatchObject({ ok: true, unsealed: 0 });
    expect(report.checked).toBe(first.sealed);
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to update or delete a row', async () => {
    await expect(raw().exec(`UPDATE audit_log SET action = 'forged' WHERE action = 'row_3'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(raw().exec(`DELETE FROM audit_log WHERE action = 'row_4'`)).rejects.toThrow(/append-only/);
    // Filling in the seal of a sealed row again is refused too.
    await expect(raw().exec(`UPDATE audit_log SET hash = 'x' WHERE action = 'row_5'`)).rejects.toThrow(/immutable/);
  });

  it('names the first altered row when someone bypasses the guard', async () => {
    await raw().exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    const { rows } = await raw().query<{ id: number; seal_seq: number }>(
      `SELECT id, seal_seq FROM audit_log WHERE action = 'row_7'`,
    );
    await raw().exec(`UPDATE audit_log SET data = '{"i": 700}' WHERE action = 'row_7'`);
    await raw().exec(`UPDATE audit_log SET data = '{"i": 900}' WHERE action = 'row_9'`);
    const report = await verifyAuditChain({ db: db() });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({
      id: Number(rows[0]?.id),
      sealSeq: Number(rows[0]?.seal_seq),
      reason: 'hash_mismatch',
    });
    // Restore, then remove a row from the middle: the gap is named.
    await raw().exec(
      `UPDATE audit_log SET data = '{"i": 7, "nested": {"a": [1, "x"], "b": 1}}' WHERE action = 'row_7'`,
    );
    await raw().exec(
      `UPDATE audit_log SET data = '{"i": 9, "nested": {"a": [1, "x"], "b": 1}}' WHERE action = 'row_9'`,
    );
    expect((await verifyAuditChain({ db: db() })).ok).toBe(true);
    await raw().exec(`DELETE FROM audit_log WHERE action = 'row_12'`);
    const afterDelete = await verifyAuditChain({ db: db() });
    expect(afterDelete.firstBroken?.reason).toBe('sequence_gap');
    await raw().exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
});

describe('sealing under concurrent writers (PostgreSQL)', () => {
  let test: TestContext;
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
  });
  afterAll(async () => test.close());

  it('chains every row exactly once, including one whose transaction commits after later rows were sealed', async ({
    skip,
  }) => {
    if (test.ctx.database.kind !== 'postgres') skip('PGlite has a single connection: transactions cannot interleave');
    const db = test.ctx.database.db;
    let releaseSlow: () => void = () => {};
    const slowMayCommit = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    let slowInserted: () => void = () => {};
    const slowHasInserted = new Promise<void>((resolve) => {
      slowInserted = resolve;
    });
    // A transaction takes a low id first and commits last.
    const slow = db.transaction(async (tx) => {
      await createAuditRepository({ db: tx }).record(entry('slow'));
      slowInserted();
      await slowMayCommit;
    });
    await slowHasInserted;
    const writers = Array.from({ length: 40 }, (_, i) =>
      db.transaction(async (tx) => createAuditRepository({ db: tx }).record(entry(`fast_${i}`))),
    );
    const sealers = Array.from({ length: 4 }, () => sealAuditLog({ db }));
    await Promise.all([...writers, ...sealers]);
    await sealAuditLog({ db });
    releaseSlow();
    await slow;
    await sealAuditLog({ db });
    const report = await verifyAuditChain({ db });
    // Every row of the log (the seeded database's own rows and these 41) is chained once.
    const { rows: total } = await test.ctx.database.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log');
    expect(report).toMatchObject({ ok: true, unsealed: 0, checked: Number(total[0]?.n) });
    const { rows } = await test.ctx.database.query<{ seal_seq: string; id: string; max_id: string }>(
      `SELECT seal_seq, id, (SELECT max(id) FROM audit_log) AS max_id FROM audit_log WHERE action = 'slow'`,
    );
    // It took a low id but committed last, so it is sealed last.
    expect(Number(rows[0]?.id)).toBeLessThan(Number(rows[0]?.max_id));
    expect(Number(rows[0]?.seal_seq)).toBe(Number(total[0]?.n));
  });
});
