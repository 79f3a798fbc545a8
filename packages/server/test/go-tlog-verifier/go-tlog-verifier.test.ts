import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueLogEntry, flushLog, logReceiptFor, logVerifierKey } from '../../src/modules/transparency-log/index.ts';
import { formatVerifierKey, parseVerifierKey } from '../../src/modules/transparency-log/tlog.signed-note.ts';
import { createTestContext, type TestContext } from '../test-context.ts';
import { buildVerifier, verify } from './go-verifier.ts';

const entryFor = (i: number) => new TextEncoder().encode(JSON.stringify({ answer: i, pdfSha256: 'cd'.repeat(32) }));

/**
 * Interoperability: Go's sumdb/note and sumdb/tlog (Debian golang-golang-x-mod-dev), not our
 * code, check a live log: the checkpoint signature, every entry through the C2SP tiles, the
 * consistency of two checkpoints and a receipt. Then one entry byte changes in the database,
 * and Go must refuse.
 */
describe('an independent verifier (Go’s x/mod sumdb) checks the live log', () => {
  let test: TestContext;
  let folder: string;
  let binary: string;
  let logUrl: string;
  let key: string;
  const sources: string[] = [];

  async function append(count: number): Promise<void> {
    await test.ctx.database.db.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const sourceId = randomUUID();
        await enqueueLogEntry(tx, { sourceId, entry: entryFor(sources.length) });
        sources.push(sourceId);
      }
    });
    await flushLog(test.ctx);
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-go-tlog-'));
    binary = await buildVerifier(folder);
    test = await createTestContext({ runStartupHooks: false });
    const app = await test.buildApp();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    logUrl = `${address}/log`;
    key = await logVerifierKey(test.ctx);
  }, 120_000);
  afterAll(async () => {
    await test?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('accepts the checkpoints, tiles, consistency and receipts, and refuses a changed entry', async () => {
    await append(70);
    const oldCheckpoint = join(folder, 'old-checkpoint');
    await writeFile(oldCheckpoint, (await fetch(`${logUrl}/checkpoint`).then((r) => r.text())) as string);
    await append(300);

    const receipt = await logReceiptFor(test.ctx.database.db, sources[42] as string);
    await writeFile(join(folder, 'receipt.tlog-proof'), receipt?.receipt as string);
    await writeFile(join(folder, 'entry'), entryFor(42));
    await writeFile(join(folder, 'other-entry'), entryFor(43));
    const receiptArgs = (entry: string) => [
      '-receipt',
      join(folder, 'receipt.tlog-proof'),
      '-entry',
      join(folder, entry),
    ];

    const accepted = await verify(binary, [
      '-log',
      logUrl,
      '-key',
      key,
      '-old',
      oldCheckpoint,
      ...receiptArgs('entry'),
    ]);
    expect(accepted.output).toContain('ok: checkpoint of 370 entries');
    expect(accepted.output).toContain('ok: consistent with the checkpoint of 70 entries');
    expect(accepted.output).toContain('ok: receipt proves entry 42 in the checkpoint of 370 entries');
    expect(accepted.ok).toBe(true);

    const otherEntry = await verify(binary, ['-key', key, ...receiptArgs('other-entry')]);
    expect(otherEntry).toMatchObject({ ok: false });
    expect(otherEntry.output).toContain('REFUSED: the receipt does not prove this entry');

    const stranger = generateKeyPairSync('ed25519').publicKey;
    const strangerKey = formatVerifierKey(parseVerifierKey(key).name, stranger);
    const unsigned = await verify(binary, ['-log', logUrl, '-key', strangerKey]);
    expect(unsigned.ok).toBe(false);
    expect(unsigned.output).toContain('REFUSED: checkpoint signature');

    // One byte of one entry changes behind the log's back (the guard trigger is bypassed).
    await test.ctx.database.exec(
      'ALTER TABLE transparency_log_entries DISABLE TRIGGER transparency_log_entries_append_only',
    );
    await test.ctx.database.exec(
      `UPDATE transparency_log_entries SET entry = set_byte(entry, 12, get_byte(entry, 12) # 1) WHERE leaf_index = 300`,
    );
    await test.ctx.database.exec(
      'ALTER TABLE transparency_log_entries ENABLE TRIGGER transparency_log_entries_append_only',
    );
    const tampered = await verify(binary, ['-log', logUrl, '-key', key, '-old', oldCheckpoint]);
    expect(tampered.ok).toBe(false);
    expect(tampered.output).toContain('REFUSED: entry 300 is not the one the checkpoint signs');
  });
});
