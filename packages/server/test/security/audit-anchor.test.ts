import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import {
  createAuditRepository,
  sealAuditLog,
  verifyAuditAnchors,
  verifyAuditChain,
} from '../../src/modules/audit/index.ts';
import {
  enqueueLogEntry,
  flushLog,
  logVerifierKey,
  parseVerifierKey,
} from '../../src/modules/transparency-log/index.ts';
import { tamperWithAuditLog } from '../audit-tampering.ts';
import { createTestContext, type TestContext } from '../test-context.ts';

/**
 * Issue: "the audit chain can be rewritten". An unkeyed hash chain kept in the database it
 * protects can be recomputed after an edit, and a truncated tail passes. Each sealing round now
 * anchors the chain's head in the public transparency log; verify-audit checks the chain against
 * those anchors, and the log against a checkpoint kept elsewhere. The threats and their tests:
 * - a database administrator edits a row and recomputes every later seal: caught;
 * - a database administrator cuts the tail of the log: caught;
 * - a database administrator edits the anchor in the stored log: caught by the signed root;
 * - an administrator holding the log key rewrites and re-signs the log: caught against a
 *   checkpoint saved outside the database (a mirror's), not without one (said in the docs).
 */
describe('the audit chain is anchored where its administrator cannot rewrite it', () => {
  let test: TestContext;
  const db = () => test.ctx.database.db;
  const raw = () => test.ctx.database;

  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
  });
  afterAll(async () => test.close());

  async function recordAndSeal(actions: string[]) {
    const audit = createAuditRepository({ db: db() });
    for (const action of actions) {
      await audit.record({ actorId: null, actorKind: 'system', action, subjectType: 'anchor-test', subjectId: action });
    }
    await sealAuditLog({ db: db() });
    await flushLog(test.ctx);
  }
  const verifier = async () => parseVerifierKey(await logVerifierKey(test.ctx));
  const latestCheckpointNote = async () =>
    (
      await queryRows<{ note: string }>(
        db(),
        sql`SELECT note FROM transparency_log_checkpoints ORDER BY tree_size DESC LIMIT 1`,
      )
    )[0]!.note;

  it('each sealing round anchors the new head in the transparency log, and an intact chain verifies against it', async () => {
    await recordAndSeal(['first', 'second', 'third']);
    const report = await verifyAuditAnchors({ db: db(), verifier: await verifier() });
    expect(report).toMatchObject({ ok: true, logProblems: [] });
    expect(report.anchors).toBeGreaterThan(0);
    expect(report.lastAnchoredSeq).toBe((await verifyAuditChain({ db: db() })).checked);
    // The log entry holds a place in the chain, a hash and a time: nothing personal.
    const entries = await queryRows<{ entry: string }>(
      db(),
      sql`SELECT convert_from(entry, 'UTF8') AS entry FROM transparency_log_entries`,
    );
    expect(entries.map((row) => Object.keys(JSON.parse(row.entry)).sort())).toContainEqual([
      'hash',
      'sealSeq',
      'sealedAt',
      'type',
    ]);
  });

  it('an administrator who edits a row and recomputes the chain is caught by the anchored head', async () => {
    await recordAndSeal(['fourth', 'fifth']);
    await tamperWithAuditLog(raw(), (database) =>
      database.query(`UPDATE audit_log SET subject_id = 'forged' WHERE action = $1`, ['second']).then(() => {}),
    );
    // The chain alone no longer shows it: that was the hole.
    expect((await verifyAuditChain({ db: db() })).ok).toBe(true);
    const report = await verifyAuditAnchors({ db: db(), verifier: await verifier() });
    expect(report.ok).toBe(false);
    expect(report.firstMismatch?.reason).toBe('rewritten');
  });

  it('an administrator who cuts the tail of the audit log is caught by the anchored head', async () => {
    const fresh = await createTestContext({ runStartupHooks: false });
    try {
      const audit = createAuditRepository({ db: fresh.ctx.database.db });
      for (const action of ['a', 'b', 'c', 'd']) {
        await audit.record({
          actorId: null,
          actorKind: 'system',
          action,
          subjectType: 'anchor-test',
          subjectId: action,
        });
        await sealAuditLog({ db: fresh.ctx.database.db });
      }
      await flushLog(fresh.ctx);
      await fresh.ctx.database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await fresh.ctx.database.exec(
        `DELETE FROM audit_log WHERE action IN ('c', 'd') AND subject_type = 'anchor-test'`,
      );
      await fresh.ctx.database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      expect((await verifyAuditChain({ db: fresh.ctx.database.db })).ok).toBe(true);
      const report = await verifyAuditAnchors({
        db: fresh.ctx.database.db,
        verifier: parseVerifierKey(await logVerifierKey(fresh.ctx)),
      });
      expect(report.firstMismatch?.reason).toBe('truncated');
    } finally {
      await fresh.close();
    }
  });

  it('an administrator who also edits the anchor stored in the log is caught by the signed checkpoint', async () => {
    await raw().exec('ALTER TABLE transparency_log_entries DISABLE TRIGGER transparency_log_entries_append_only');
    await raw().exec(
      `UPDATE transparency_log_entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'), '"sealSeq"', '"sealSeq" '), 'UTF8')
        WHERE leaf_index = (SELECT max(leaf_index) FROM transparency_log_entries)`,
    );
    await raw().exec('ALTER TABLE transparency_log_entries ENABLE TRIGGER transparency_log_entries_append_only');
    const report = await verifyAuditAnchors({ db: db(), verifier: await verifier() });
    expect(report.ok).toBe(false);
    expect(report.logProblems).toContain('root_mismatch');
  });

  it('an administrator holding the log key who rewrites and re-signs the log is caught against a checkpoint kept elsewhere', async () => {
    const fresh = await createTestContext({ runStartupHooks: false });
    try {
      const freshDb = fresh.ctx.database.db;
      const audit = createAuditRepository({ db: freshDb });
      for (const action of ['one', 'two', 'three']) {
        await audit.record({
          actorId: null,
          actorKind: 'system',
          action,
          subjectType: 'anchor-test',
          subjectId: action,
        });
      }
      await sealAuditLog({ db: freshDb });
      await flushLog(fresh.ctx);
      const mirrored = (
        await queryRows<{ note: string }>(
          freshDb,
          sql`SELECT note FROM transparency_log_checkpoints ORDER BY tree_size DESC LIMIT 1`,
        )
      )[0]!.note;

      // Rewrite a row and its chain, then the whole log with the new head, signed with the real key.
      await tamperWithAuditLog(fresh.ctx.database, (database) =>
        database.exec(`UPDATE audit_log SET subject_id = 'forged' WHERE action = 'two'`).then(() => {}),
      );
      const chain = await audit.listSealed(0, 1000);
      const forgedHead = chain.at(-1)!;
      const logged = await queryRows<{ source_id: string; entry: string }>(
        freshDb,
        sql`SELECT source_id::text, convert_from(entry, 'UTF8') AS entry FROM transparency_log_entries ORDER BY leaf_index`,
      );
      for (const table of ['entries', 'hashes', 'checkpoints']) {
        await fresh.ctx.database.exec(`ALTER TABLE transparency_log_${table} DISABLE TRIGGER USER`);
        await fresh.ctx.database.exec(`DELETE FROM transparency_log_${table}`);
        await fresh.ctx.database.exec(`ALTER TABLE transparency_log_${table} ENABLE TRIGGER USER`);
      }
      for (const row of logged) {
        const head = JSON.parse(row.entry) as { sealSeq: number; hash: string };
        const forged = { ...head, hash: head.sealSeq === forgedHead.sealSeq ? forgedHead.hash : head.hash };
        await freshDb.transaction((tx) =>
          enqueueLogEntry(tx, { sourceId: row.source_id, entry: new TextEncoder().encode(JSON.stringify(forged)) }),
        );
      }
      await flushLog(fresh.ctx);
      const freshVerifier = parseVerifierKey(await logVerifierKey(fresh.ctx));

      // Without an outside checkpoint the forgery holds: the limit the threat model states.
      expect((await verifyAuditAnchors({ db: freshDb, verifier: freshVerifier })).ok).toBe(true);
      const report = await verifyAuditAnchors({ db: freshDb, verifier: freshVerifier, trustedCheckpoint: mirrored });
      expect(report.ok).toBe(false);
      expect(report.logProblems).toContain('log_rewritten');
    } finally {
      await fresh.close();
    }
  });

  it('a checkpoint not signed by the log key proves nothing and is said so', async () => {
    const note = await latestCheckpointNote();
    const forged = note.replace(/\n— .*\n$/, '\n— someone+00000000+AAAA\n');
    const report = await verifyAuditAnchors({ db: db(), verifier: await verifier(), trustedCheckpoint: forged });
    expect(report.logProblems).toContain('trusted_checkpoint_signature');
  });
});
