import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-context.ts';
import { enqueueLogEntry, flushLog, LogIntegrityError, logReceiptFor, logVerifierKey, verifyReceipt } from './index.ts';
import { parseCheckpoint } from './tlog.checkpoint.ts';
import { developmentLogKeyPath, loadLogKey } from './tlog.key.ts';
import { createMemoryTree } from './tlog.memory-tree.ts';
import { treeRoot } from './tlog.merkle.ts';
import { verifyConsistency } from './tlog.merkle-verify.ts';
import { consistencyProofFor, readTile } from './tlog.reader.ts';
import { openNote, parseVerifierKey } from './tlog.signed-note.ts';
import { decodeEntryBundle, tilesOfTree } from './tlog.tiles.ts';

const entryFor = (i: number) => new TextEncoder().encode(`{"answer":"${i}","pdfSha256":"${'ab'.repeat(32)}"}`);

describe('the transparency log on the database', () => {
  let test: TestContext;
  // Every entry appended so far, in order, and the memory tree that recomputes the log.
  const logged: Uint8Array[] = [];
  const sources: string[] = [];
  beforeAll(async () => {
    test = await createTestContext({ runStartupHooks: false });
  });
  afterAll(async () => test.close());
  const db = () => test.ctx.database.db;
  const raw = () => test.ctx.database;

  async function enqueue(count: number): Promise<void> {
    await db().transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const sourceId = randomUUID();
        const entry = entryFor(logged.length);
        await enqueueLogEntry(tx, { sourceId, entry });
        logged.push(entry);
        sources.push(sourceId);
      }
    });
  }

  async function checkpoints() {
    const { rows } = await raw().query<{ tree_size: string; note: string }>(
      'SELECT tree_size::text, note FROM transparency_log_checkpoints AS c ORDER BY c.tree_size',
    );
    const verifier = parseVerifierKey(await logVerifierKey(test.ctx));
    return rows.map((row) => parseCheckpoint(openNote(row.note, verifier)));
  }

  it('queues an entry only if the caller commits, once per source', async () => {
    const sourceId = randomUUID();
    await expect(
      db().transaction(async (tx) => {
        await enqueueLogEntry(tx, { sourceId, entry: entryFor(-1) });
        throw new Error('the answer failed');
      }),
    ).rejects.toThrow('the answer failed');
    expect((await flushLog(test.ctx)).appended).toBe(0);
    expect(await logReceiptFor(db(), sourceId)).toBeNull();

    await enqueue(1);
    const first = sources[0] as string;
    await db().transaction((tx) => enqueueLogEntry(tx, { sourceId: first, entry: entryFor(99) }));
    expect(await flushLog(test.ctx)).toEqual({ appended: 1, treeSize: 1 });
    // Queued again after it was logged: still logged once, with its first entry.
    await db().transaction((tx) => enqueueLogEntry(tx, { sourceId: first, entry: entryFor(98) }));
    expect(await flushLog(test.ctx)).toEqual({ appended: 0, treeSize: 1 });
    await expect(
      db().transaction((tx) => enqueueLogEntry(tx, { sourceId: randomUUID(), entry: new Uint8Array(65536) })),
    ).rejects.toThrow(RangeError);
  });

  it('appends batches in order, signs one checkpoint each, and every receipt verifies', async () => {
    await enqueue(300);
    expect(await flushLog(test.ctx)).toEqual({ appended: 300, treeSize: 301 });
    await enqueue(6);
    expect(await flushLog(test.ctx)).toEqual({ appended: 6, treeSize: 307 });
    const signed = await checkpoints();
    // The first round, with nothing queued, signed the empty tree.
    expect(signed.map((c) => c.size)).toEqual([0, 1, 301, 307]);
    const tree = createMemoryTree();
    tree.appendEntries(logged);
    for (const checkpoint of signed) expect(checkpoint.root).toEqual(treeRoot(checkpoint.size, tree.source));
    const verifierKey = await logVerifierKey(test.ctx);
    for (const [i, sourceId] of sources.entries()) {
      const found = await logReceiptFor(db(), sourceId);
      expect(found?.index).toBe(i);
      expect(verifyReceipt(found?.receipt as string, verifierKey, logged[i] as Uint8Array)).toMatchObject({
        ok: true,
        index: i,
        treeSize: 307,
      });
    }
  });

  it('serves tiles and entry bundles equal to a recomputation of the tree', async () => {
    const tree = createMemoryTree();
    tree.appendEntries(logged);
    for (const tile of tilesOfTree(307)) {
      const bytes = (await readTile(db(), tile)) as Uint8Array;
      if (tile.level === 'entries') continue;
      const level = tree.levels[tile.level * 8] ?? [];
      const expected = Buffer.concat(level.slice(tile.index * 256, tile.index * 256 + tile.width));
      expect(Buffer.from(bytes).toString('hex'), JSON.stringify(tile)).toBe(expected.toString('hex'));
    }
    const bundle = (await readTile(db(), { level: 'entries', index: 1, width: 51 })) as Uint8Array;
    expect(decodeEntryBundle(bundle).map((e) => Buffer.from(e).toString())).toEqual(
      logged.slice(256, 307).map((e) => Buffer.from(e).toString()),
    );
    // Nothing beyond the signed tree.
    expect(await readTile(db(), { level: 0, index: 1, width: 52 })).toBeNull();
    expect(await readTile(db(), { level: 'entries', index: 1, width: 256 })).toBeNull();
    expect(await readTile(db(), { level: 1, index: 0, width: 2 })).toBeNull();
  });

  it('proves every signed checkpoint consistent with the next', async () => {
    const signed = await checkpoints();
    for (let i = 1; i < signed.length; i++) {
      const [older, newer] = [signed[i - 1], signed[i]] as [(typeof signed)[0], (typeof signed)[0]];
      const { proof } = await consistencyProofFor(db(), older.size, newer.size);
      expect(verifyConsistency(older.size, newer.size, proof, older.root, newer.root)).toBe(true);
    }
  });

  it('refuses to change, remove or truncate entries, hashes and checkpoints', async () => {
    for (const table of ['transparency_log_entries', 'transparency_log_hashes', 'transparency_log_checkpoints']) {
      const column = table.endsWith('entries') ? 'entry' : table.endsWith('hashes') ? 'hash' : 'root_hash';
      await expect(raw().exec(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toThrow(/append-only/);
      await expect(raw().exec(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(raw().exec(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
  });

  it('never signs a checkpoint that does not extend the last one', async () => {
    // Someone with database access bypasses the guard and rewrites a stored hash of the tree.
    await raw().exec('ALTER TABLE transparency_log_hashes DISABLE TRIGGER transparency_log_hashes_append_only');
    const { rows } = await raw().query<{ hash: string }>(
      `SELECT encode(hash, 'hex') AS hash FROM transparency_log_hashes WHERE level = 8 AND idx = 0`,
    );
    await raw().exec(`UPDATE transparency_log_hashes SET hash = sha256('forged') WHERE level = 8 AND idx = 0`);
    await enqueue(3);
    await expect(flushLog(test.ctx)).rejects.toThrow(LogIntegrityError);
    expect((await checkpoints()).at(-1)?.size).toBe(307);
    await raw().exec(
      `UPDATE transparency_log_hashes SET hash = decode('${rows[0]?.hash}', 'hex') WHERE level = 8 AND idx = 0`,
    );
    await raw().exec('ALTER TABLE transparency_log_hashes ENABLE TRIGGER transparency_log_hashes_append_only');
    expect(await flushLog(test.ctx)).toEqual({ appended: 3, treeSize: 310 });
  });

  it('refuses to append when the checkpoint was not signed by the log’s key', async () => {
    await raw().exec(
      'ALTER TABLE transparency_log_checkpoints DISABLE TRIGGER transparency_log_checkpoints_append_only',
    );
    await raw().exec(
      `UPDATE transparency_log_checkpoints SET note = replace(note, E'\\n310\\n', E'\\n311\\n') WHERE tree_size = 310`,
    );
    await enqueue(1);
    await expect(flushLog(test.ctx)).rejects.toThrow(/signature/);
    await raw().exec(
      `UPDATE transparency_log_checkpoints SET note = replace(note, E'\\n311\\n', E'\\n310\\n') WHERE tree_size = 310`,
    );
    await raw().exec(
      'ALTER TABLE transparency_log_checkpoints ENABLE TRIGGER transparency_log_checkpoints_append_only',
    );
    expect(await flushLog(test.ctx)).toEqual({ appended: 1, treeSize: 311 });
  });

  it('keeps its development key across restarts, readable only by its owner', async () => {
    const path = developmentLogKeyPath(test.ctx.config.DATA_DIR);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // A restart reads the configuration again: a new object, the same folder, the same key.
    const restarted = { ...test.ctx.config };
    expect((await loadLogKey(restarted)).verifierKey).toBe(await logVerifierKey(test.ctx));
    await enqueue(2);
    expect(await flushLog({ config: restarted, database: test.ctx.database })).toEqual({ appended: 2, treeSize: 313 });
  });

  it('two writers at once never fork the tree', async () => {
    const writers = Array.from({ length: 4 }, async (_, i) => {
      await enqueue(5 + i);
      return flushLog(test.ctx);
    });
    await Promise.all(writers);
    await flushLog(test.ctx);
    const signed = await checkpoints();
    expect(signed.at(-1)?.size).toBe(logged.length);
    const tree = createMemoryTree();
    tree.appendEntries(
      (
        await raw().query<{ entry: string }>(
          `SELECT encode(entry, 'hex') AS entry FROM transparency_log_entries ORDER BY leaf_index`,
        )
      ).rows.map((row) => new Uint8Array(Buffer.from(row.entry, 'hex'))),
    );
    for (let i = 1; i < signed.length; i++) {
      const [older, newer] = [signed[i - 1], signed[i]] as [(typeof signed)[0], (typeof signed)[0]];
      expect(older.size).toBeLessThan(newer.size);
      expect(newer.root).toEqual(treeRoot(newer.size, tree.source));
      const { proof } = await consistencyProofFor(db(), older.size, newer.size);
      expect(verifyConsistency(older.size, newer.size, proof, older.root, newer.root)).toBe(true);
    }
  });
});

describe('the log key', () => {
  it('reads a configured PKCS#8 key and refuses one that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = await mkdtemp(join(tmpdir(), 'epeople-log-key-'));
    const ed = join(folder, 'ed.pem');
    const rsa = join(folder, 'rsa.pem');
    await writeFile(ed, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await writeFile(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    const base = { PUBLIC_URL: 'https://epeople.gov.tn/', DATA_DIR: folder, isProduction: true, LOG_ORIGIN: undefined };
    const key = await loadLogKey({ ...base, LOG_PRIVATE_KEY_FILE: ed });
    expect(key.origin).toBe('epeople.gov.tn/log');
    expect(key.verifierKey).toMatch(/^epeople\.gov\.tn\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    await expect(loadLogKey({ ...base, LOG_PRIVATE_KEY_FILE: rsa })).rejects.toThrow(/Ed25519/);
    await expect(loadLogKey({ ...base, LOG_PRIVATE_KEY_FILE: undefined })).rejects.toThrow(/LOG_PRIVATE_KEY_FILE/);
    const named = await loadLogKey({ ...base, LOG_PRIVATE_KEY_FILE: ed, LOG_ORIGIN: 'log.epeople.tn' });
    expect(named.verifierKey.startsWith('log.epeople.tn+')).toBe(true);
  });
});

describe('the writer’s start-up hook', () => {
  it('signs the empty tree at the first start, then appends what is queued on its timer', async () => {
    // No audit seal during the test: each seal anchors the audit head in the log
    // (docs/adr/0005-audit-hash-chain.md), and on a slow machine one landed before the first look.
    const test = await createTestContext({ env: { LOG_BATCH_INTERVAL_MS: '100', AUDIT_SEAL_INTERVAL_MS: '3600000' } });
    try {
      const app = await test.buildApp();
      const first = await app.inject({ method: 'GET', url: '/log/checkpoint' });
      expect(first.body.split('\n').slice(0, 2)).toEqual(['localhost:3000/log', '0']);
      const sourceId = randomUUID();
      await test.ctx.database.db.transaction((tx) => enqueueLogEntry(tx, { sourceId, entry: entryFor(1) }));
      await expect.poll(() => logReceiptFor(test.ctx.database.db, sourceId), { timeout: 10_000 }).not.toBeNull();
      const found = await logReceiptFor(test.ctx.database.db, sourceId);
      expect(verifyReceipt(found?.receipt as string, await logVerifierKey(test.ctx), entryFor(1)).ok).toBe(true);
    } finally {
      await test.close();
    }
  });
});
