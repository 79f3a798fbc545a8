import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './tlog.checkpoint.ts';
import { createMemoryTree } from './tlog.memory-tree.ts';
import { inclusionProof, leafHash, treeRoot } from './tlog.merkle.ts';
import { formatReceipt, parseReceipt, ReceiptError, verifyReceipt } from './tlog.receipt.ts';
import { formatVerifierKey, signNote } from './tlog.signed-note.ts';

const ORIGIN = 'epeople.example/log';
const entries = Array.from({ length: 13 }, (_, i) => new TextEncoder().encode(`{"answer":${i}}`));

function signedLog(origin = ORIGIN) {
  const keys = generateKeyPairSync('ed25519');
  const tree = createMemoryTree();
  tree.appendEntries(entries);
  const body = formatCheckpoint({ origin, size: tree.size, root: treeRoot(tree.size, tree.source), extensions: [] });
  const checkpoint = signNote(body, origin, keys.privateKey, keys.publicKey);
  const receiptFor = (index: number) =>
    formatReceipt({ index, proof: inclusionProof(index, tree.size, tree.source), checkpoint });
  return { verifierKey: formatVerifierKey(origin, keys.publicKey), receiptFor, checkpoint };
}

describe('C2SP tlog-proof receipts', () => {
  it('has the spec’s layout: header, index, proof lines, empty line, the signed checkpoint', () => {
    const { receiptFor, checkpoint } = signedLog();
    const text = receiptFor(6);
    const lines = text.split('\n');
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1');
    expect(lines[1]).toBe('index 6');
    expect(lines.slice(2, 6).every((line) => /^[A-Za-z0-9+/]{43}=$/.test(line))).toBe(true);
    expect(lines[6]).toBe('');
    expect(text.endsWith(`\n\n${checkpoint}`)).toBe(true);
  });

  it('reads back what it writes, extra data included', () => {
    const receipt = { index: 73894, proof: [new Uint8Array(32).fill(1)], checkpoint: 'x\n\n— x AAAA\n' };
    expect(parseReceipt(formatReceipt(receipt))).toEqual(receipt);
    const withExtra = { ...receipt, extra: new TextEncoder().encode('age-v1.2.1-darwin-arm64.tar.gz') };
    const text = formatReceipt(withExtra);
    expect(text.split('\n')[1]).toBe('extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6');
    expect(parseReceipt(text)).toEqual(withExtra);
  });

  it('verifies every entry of the log against its own receipt', () => {
    const { receiptFor, verifierKey } = signedLog();
    entries.forEach((entry, index) => {
      expect(verifyReceipt(receiptFor(index), verifierKey, entry)).toMatchObject({
        ok: true,
        index,
        treeSize: 13,
        checkpointSigned: true,
      });
    });
  });

  it('names what is wrong: a changed entry, another entry’s receipt, a forged checkpoint, another key', () => {
    const { receiptFor, verifierKey } = signedLog();
    const changed = entries[4]?.slice() as Uint8Array;
    changed[3] = (changed[3] ?? 0) ^ 1;
    expect(verifyReceipt(receiptFor(4), verifierKey, changed)).toMatchObject({
      ok: false,
      checkpointSigned: true,
      reason: 'not_included',
    });
    expect(verifyReceipt(receiptFor(5), verifierKey, entries[4] as Uint8Array)).toMatchObject({
      ok: false,
      index: 5,
      treeSize: 13,
      reason: 'not_included',
    });
    const grown = receiptFor(4).replace(`${ORIGIN}\n13\n`, `${ORIGIN}\n14\n`);
    expect(verifyReceipt(grown, verifierKey, entries[4] as Uint8Array)).toMatchObject({
      checkpointSigned: false,
      reason: 'bad_signature',
    });
    const other = signedLog();
    expect(verifyReceipt(receiptFor(4), other.verifierKey, entries[4] as Uint8Array)).toMatchObject({
      reason: 'bad_signature',
    });
    // A checkpoint of another log, signed by our key: the key vouches for its own log only.
    const keys = generateKeyPairSync('ed25519');
    const body = formatCheckpoint({
      origin: 'elsewhere.example/log',
      size: 1,
      root: leafHash(entries[0] as Uint8Array),
      extensions: [],
    });
    const foreign = formatReceipt({
      index: 0,
      proof: [],
      checkpoint: signNote(body, ORIGIN, keys.privateKey, keys.publicKey),
    });
    expect(verifyReceipt(foreign, formatVerifierKey(ORIGIN, keys.publicKey), entries[0] as Uint8Array)).toMatchObject({
      ok: false,
      checkpointSigned: true,
      reason: 'wrong_origin',
    });
    expect(verifyReceipt('not a receipt', verifierKey, entries[4] as Uint8Array)).toEqual({
      ok: false,
      index: null,
      treeSize: null,
      checkpointSigned: false,
      checkpoint: '',
      reason: 'malformed_receipt',
    });
    expect(verifyReceipt(receiptFor(4), 'nonsense', entries[4] as Uint8Array)).toMatchObject({
      reason: 'malformed_verifier_key',
    });
  });

  it('refuses malformed receipts', () => {
    const { receiptFor } = signedLog();
    const good = receiptFor(2);
    for (const bad of [
      good.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2'),
      good.replace('index 2', 'index 02'),
      good.replace('index 2', 'index -2'),
      good.replace('index 2\n', ''),
      good.replace(/\n[A-Za-z0-9+/]{43}=\n/, '\nnot base64\n'),
      good.replace(/\n[A-Za-z0-9+/]{43}=\n/, '\nAAAA\n'),
      good.replace('\n\n', '\n'),
      good.slice(0, good.indexOf('\n\n') + 2),
    ]) {
      expect(() => parseReceipt(bad), bad).toThrow(ReceiptError);
    }
  });
});
